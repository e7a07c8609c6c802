package dev.gatehouse.mail;

import dev.gatehouse.core.model.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The verification email's templates: the built-in ones from {@code gatehouse/mail/} on the class path, and
 * optionally a directory whose files replace them. For tenant {@code cs101} each part is looked up as
 * {@code verification-cs101.<ext>}, then {@code verification.<ext>} in the directory, then the built-in one.
 * Everything is read and checked once, when built. Immutable and thread-safe.
 */
final class MailTemplates {
    static final String BUILT_IN_LOCATION = "/gatehouse/mail/";
    static final Set<String> PLACEHOLDERS = Set.of(
            "recipientName", "recipientAddress", "tenantName", "discordUsername", "discordUserId", "guildName",
            "confirmLink", "denyLink", "expiresAt", "expiresIn");
    private static final Pattern FILE_NAME = Pattern.compile(
            "verification(?:-([a-z0-9][a-z0-9_-]{0,63}))?\\.(subject\\.txt|txt|html)");
    private static final String ALL_TENANTS = "";

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
    private final Map<String, Map<Part, Template>> overrides;

    private MailTemplates(Map<Part, Template> builtIn, Map<String, Map<Part, Template>> overrides) {
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
        Map<String, Map<Part, Template>> overrides = new HashMap<>();
        if (directory.isPresent()) {
            readDirectory(directory.get(), overrides);
        }
        return new MailTemplates(builtIn, overrides);
    }

    /** The template for {@code part} of the email to a member of {@code tenant}. */
    Template forTenant(TenantId tenant, Part part) {
        Template own = overrides.getOrDefault(tenant.value(), Map.of()).get(part);
        if (own != null) {
            return own;
        }
        return overrides.getOrDefault(ALL_TENANTS, Map.of()).getOrDefault(part, builtIn.get(part));
    }

    private static void readDirectory(Path directory, Map<String, Map<Part, Template>> overrides) {
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
                throw new IllegalArgumentException("mail template " + file + " is not named verification[-<tenant>].subject.txt, "
                        + ".txt or .html (tenant ids are lower case)");
            }
            String tenant = matcher.group(1) == null ? ALL_TENANTS : matcher.group(1);
            Part part = Part.ofExtension(matcher.group(2));
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read mail template " + file, e);
            }
            overrides.computeIfAbsent(tenant, t -> new EnumMap<>(Part.class)).put(part, parse(fileName, text, part));
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
