package dev.gatehouse.app.directory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.Texts;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON rows through Jackson's streaming parser, one user or link at a time: a top-level array of users, or an
 * object with {@code users} (an object keyed by user id, or an array) and optionally {@code discord}.
 */
final class JsonRows extends RowReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(DirectoryFiles.MAX_FIELD_LENGTH)
                    .maxNameLength(DirectoryFiles.MAX_FIELD_LENGTH)
                    .maxNestingDepth(8)
                    .build())
            .build();

    /** Where the parser stands between rows. */
    private enum Place { START, TOP_OBJECT, TOP_ARRAY, USERS_ARRAY, USERS_OBJECT, DISCORD_OBJECT, END }

    private final JsonParser p;
    private Place place = Place.START;
    private boolean sawUsersOrDiscord;

    JsonRows(Reader text) throws IOException {
        this(JSON.createParser(text));
    }

    private JsonRows(JsonParser parser) {
        super(parser);
        this.p = parser;
    }

    /** A row the file can't give; reading stops. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;

        Refusal(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    @Override
    DirectoryRow read() throws IOException {
        try {
            return advance();
        } catch (Refusal r) {
            return new DirectoryRow.Unreadable(r.line, r.getMessage());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() != null ? e.getLocation().getLineNr() : p.currentLocation().getLineNr();
            return new DirectoryRow.Unreadable(Math.max(line, 0), "not valid JSON: " + DirectoryFiles.shorten(e.getOriginalMessage()));
        }
    }

    private DirectoryRow advance() throws IOException, Refusal {
        while (true) {
            switch (place) {
                case START -> {
                    JsonToken first = p.nextToken();
                    if (first == JsonToken.START_ARRAY) {
                        place = Place.TOP_ARRAY;
                    } else if (first == JsonToken.START_OBJECT) {
                        place = Place.TOP_OBJECT;
                    } else {
                        throw new Refusal(Math.max(line(), 1), "expected an array of users or an object with \"users\"");
                    }
                }
                case TOP_OBJECT -> {
                    if (p.nextToken() != JsonToken.FIELD_NAME) {
                        if (!sawUsersOrDiscord) {
                            throw new Refusal(line(), "expected \"users\" (and optionally \"discord\") in the top-level object");
                        }
                        endOfDocument();
                        return null;
                    }
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("users") && value == JsonToken.START_OBJECT) {
                        place = Place.USERS_OBJECT;
                    } else if (field.equals("users") && value == JsonToken.START_ARRAY) {
                        place = Place.USERS_ARRAY;
                    } else if (field.equals("discord") && value == JsonToken.START_OBJECT) {
                        place = Place.DISCORD_OBJECT;
                    } else if (field.equals("users") || field.equals("discord")) {
                        throw new Refusal(line(), "\"" + field + "\" must be an object");
                    } else {
                        p.skipChildren();
                        continue;
                    }
                    sawUsersOrDiscord = true;
                }
                case TOP_ARRAY, USERS_ARRAY -> {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) {
                        if (place == Place.TOP_ARRAY) {
                            endOfDocument();
                            return null;
                        }
                        place = Place.TOP_OBJECT;
                        continue;
                    }
                    if (t != JsonToken.START_OBJECT) {
                        throw new Refusal(line(), "each user must be an object with id, email and name");
                    }
                    return userInArray();
                }
                case USERS_OBJECT -> {
                    if (p.nextToken() != JsonToken.FIELD_NAME) {
                        place = Place.TOP_OBJECT;
                        continue;
                    }
                    return userInObject();
                }
                case DISCORD_OBJECT -> {
                    if (p.nextToken() != JsonToken.FIELD_NAME) {
                        place = Place.TOP_OBJECT;
                        continue;
                    }
                    long line = line();
                    String discordId = p.currentName();
                    p.nextToken();
                    return DirectoryRow.link(line, discordId, scalar("discord." + Texts.preview(discordId)));
                }
                default -> {
                    return null;
                }
            }
        }
    }

    private DirectoryRow userInArray() throws IOException, Refusal {
        long line = line();
        String id = null;
        String email = null;
        String name = null;
        List<String> groups = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "groups" -> groups = groups();
                case "id", "user_id" -> {
                    if (id != null) {
                        throw new Refusal(line(), "a user has both \"id\" and \"user_id\"");
                    }
                    id = scalar(field);
                }
                case "email" -> email = scalar(field);
                case "name" -> name = scalar(field);
                default -> p.skipChildren();
            }
        }
        return DirectoryRow.user(line, required(id, "user id", line), required(email, "email", line), required(name, "name", line),
                groups);
    }

    private DirectoryRow userInObject() throws IOException, Refusal {
        long line = line();
        String id = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Refusal(line(), "user '" + Texts.preview(id) + "' must be an object with email and name");
        }
        String email = null;
        String name = null;
        List<String> groups = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "groups" -> groups = groups();
                case "email" -> email = scalar(field);
                case "name" -> name = scalar(field);
                default -> p.skipChildren();
            }
        }
        return DirectoryRow.user(line, id, required(email, "email", line), required(name, "name", line), groups);
    }

    private void endOfDocument() throws IOException, Refusal {
        place = Place.END;
        if (p.nextToken() != null) {
            throw new Refusal(line(), "unexpected content after the end of the JSON document");
        }
    }

    /** {@code "groups"}: an array of strings, or one string of groups separated by {@code ;}. */
    private List<String> groups() throws IOException, Refusal {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return List.of(p.getText().split(GroupName.SEPARATOR));
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new Refusal(line(), "\"groups\" must be an array of strings or a string");
        }
        List<String> groups = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refusal(line(), "\"groups\" must be an array of strings or a string");
            }
            groups.add(p.getText());
        }
        return groups;
    }

    private String scalar(String field) throws IOException, Refusal {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw new Refusal(line(), "\"" + field + "\" must be a string");
    }

    private static String required(String value, String what, long line) throws Refusal {
        if (value == null) {
            throw new Refusal(line, "a user has no " + what);
        }
        return value;
    }

    private long line() {
        return p.currentTokenLocation().getLineNr();
    }
}
