package dev.gatehouse.mail;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.text.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The verification email's templates: the built-in ones from {@code gatehouse/mail/} on the class path, and
 * optionally a directory whose files replace them. For tenant {@code cs101} each part is looked up as
 * {@code verification-cs101.<lang>.<ext>}, {@code verification-cs101.<ext>}, {@code verification.<lang>.<ext>},
 * {@code verification.<ext>} in the directory, then the built-in one.
 * Everything is read and checked once, when built. Immutable and thread-safe.
 */
final class MailTemplates {
    static final String BUILT_IN_LOCATION = "/gatehouse/mail/";
    static final Set<String> VALUES = Set.of(
            "recipientName", "recipientAddress", "tenantName", "discordUsername", "discordUserId", "guildName",
            "confirmLink", "denyLink", "expiresAt", "expiresIn", "language");
    /** The values plus the built-in texts of the member's language ({@code {{textGreeting}}} …), see {@link MailTexts}. */
    static final Set<String> PLACEHOLDERS = Stream.concat(VALUES.stream(), MailTexts.placeholders().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Pattern FILE_NAME = Pattern.compile(
            "verification(?:-([a-z0-9][a-z0-9_-]{0,63}))?(?:\\.([a-z]{2,3}(?:-[A-Z]{2})?))?\\.(subject\\.txt|txt|html)");
    private static final String ALL_TENANTS = "";
    private static final String ALL_LANGUAGES = "";

    /** The three parts of the email, by file extension. */
    enum Part {
        SUBJECT("subject.txt"),
        TEXT("txt"),
        HTML("html");

        final String extension;

        Part(String extension) {
            this.extension = extension;
        }

        static Part ofExtension(String extension) {
            for (Part part : values()) {
                if (part.extension.equals(extension)) {
                    return part;
                }
            }
            throw new IllegalArgumentException("no template part for ." + extension);
        }
    }

    private final Map<Part, Template> builtIn;
    /** By tenant ("" for all), then language tag ("" for all), then part. */
    private final Map<String, Map<String, Map<Part, Template>>> overrides;

    private MailTemplates(Map<Part, Template> builtIn, Map<String, Map<String, Map<Part, Template>>> overrides) {
        this.builtIn = builtIn;
        this.overrides = overrides;
    }

    /** Reads the built-in templates and, if given, every {@code verification*} file of {@code directory}. */
    static MailTemplates load(Optional<Path> directory) {
        Map<Part, Template> builtIn = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            String name = "verification." + part.extension;
            builtIn.put(part, parse(name, readBuiltIn(name), part));
        }
        Map<String, Map<String, Map<Part, Template>>> overrides = new HashMap<>();
        if (directory.isPresent()) {
            readDirectory(directory.get(), overrides);
        }
        return new MailTemplates(builtIn, overrides);
    }

    /** The template for {@code part} of the email to a member of {@code tenant}, in English. */
    Template forTenant(TenantId tenant, Part part) {
        return forTenant(tenant, Locale.ENGLISH, part);
    }

    /**
     * The template for {@code part} of the email to a member of {@code tenant} who reads {@code language}: the tenant's
     * file in that language, the tenant's file for every language, the directory's file in that language, the
     * directory's file for every language, then the built-in one (whose texts come from the language's bundle).
     */
    Template forTenant(TenantId tenant, Locale language, Part part) {
        String tag = Languages.orEnglish(language).toLanguageTag();
        for (String owner : List.of(tenant.value(), ALL_TENANTS)) {
            Map<String, Map<Part, Template>> byLanguage = overrides.getOrDefault(owner, Map.of());
            for (String languageTag : List.of(tag, ALL_LANGUAGES)) {
                Template own = byLanguage.getOrDefault(languageTag, Map.of()).get(part);
                if (own != null) {
                    return own;
                }
            }
        }
        return builtIn.get(part);
    }

    private static void readDirectory(Path directory, Map<String, Map<String, Map<Part, Template>>> overrides) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("mail template directory " + directory + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list mail template directory " + directory, e);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (!fileName.startsWith("verification")) {
                continue;
            }
            Matcher matcher = FILE_NAME.matcher(fileName);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("mail template " + file + " is not named verification[-<tenant>][.<language>]"
                        + ".subject.txt, .txt or .html (tenant ids are lower case; languages are " + Languages.tags() + ")");
            }
            String tenant = matcher.group(1) == null ? ALL_TENANTS : matcher.group(1);
            String language = matcher.group(2) == null ? ALL_LANGUAGES : matcher.group(2);
            if (!language.isEmpty() && !Languages.tags().contains(language)) {
                throw new IllegalArgumentException("mail template " + file + " is for the language '" + language
                        + "', which Gatehouse doesn't speak; languages are " + Languages.tags());
            }
            Part part = Part.ofExtension(matcher.group(3));
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read mail template " + file, e);
            }
            overrides.computeIfAbsent(tenant, t -> new HashMap<>()).computeIfAbsent(language, l -> new EnumMap<>(Part.class))
                    .put(part, parse(fileName, text, part));
        }
    }

    private static Template parse(String name, String text, Part part) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (part == Part.SUBJECT) {
            body = body.strip();
            if (body.isEmpty() || body.lines().count() > 1) {
                throw new IllegalArgumentException("mail template " + name + " must hold the subject on exactly one line");
            }
        }
        return Template.parse(name, body, PLACEHOLDERS);
    }

    private static String readBuiltIn(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(BUILT_IN_LOCATION + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in mail template " + BUILT_IN_LOCATION + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read built-in mail template " + name, e);
        }
    }
}
