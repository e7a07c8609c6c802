package dev.gatehouse.app;

import dev.gatehouse.persistence.SecretKeyRing;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of secrets keys (one base64 key per line, the current one first): the one configured as
 * {@code gatehouse.secrets.key-file}, or, with the embedded database and no key configured, {@code secrets.keys}
 * beside the embedded data directory, made at first start with one fresh key and readable by its owner only.
 * Rotation puts a new key first and keeps the older ones for decryption.
 */
final class SecretsKeyFile {
    static final String KEY = "gatehouse.secrets.key";
    static final String KEY_FILE = "gatehouse.secrets.key-file";
    static final String FILE_NAME = "secrets.keys";
    private static final Logger LOG = LoggerFactory.getLogger(SecretsKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = """
            # Gatehouse secrets keys: the first key encrypts the hand-off secrets in the database, the others only
            # decrypt what they encrypted. Keep this file away from the database's backups; without it the stored
            # secrets can't be read. 'java -jar gatehouse.jar secrets rotate' puts a new key first.
            """;

    private SecretsKeyFile() {
    }

    /** The default key file of an embedded database kept in {@code dataDirectory}: beside it, not inside it. */
    static Path besideEmbedded(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Path parent = data.getParent() == null ? data : data.getParent();
        return parent.resolve(FILE_NAME);
    }

    /** The key file these settings use: the configured one, or else the embedded default. */
    static Optional<Path> of(Environment environment) {
        Optional<String> file = environment.getProperty(KEY_FILE, String.class).filter(f -> !f.isBlank());
        return file.isPresent() ? Optional.of(Path.of(file.get().strip())) : embeddedDefault(environment);
    }

    /** The embedded default key file, when the database is the embedded one and neither key nor key file is set. */
    static Optional<Path> embeddedDefault(Environment environment) {
        boolean configured = environment.getProperty(KEY, String.class).filter(k -> !k.isBlank()).isPresent()
                || environment.getProperty(KEY_FILE, String.class).filter(f -> !f.isBlank()).isPresent();
        boolean embedded = environment.getProperty(RunningContext.URL, String.class).filter(u -> !u.isBlank()).isEmpty();
        if (configured || !embedded) {
            return Optional.empty();
        }
        return Optional.of(besideEmbedded(Path.of(environment.getProperty(RunningContext.EMBEDDED_DIRECTORY, String.class)
                .orElse(RunningContext.DEFAULT_EMBEDDED_DIRECTORY))));
    }

    /** Makes the file with one fresh key if it doesn't exist yet (owner-only from the start); tightens loose permissions. */
    static void createIfMissing(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, ownerOnly());
            } catch (FileAlreadyExistsException e) {
                tighten(file);
                return;
            }
            Files.writeString(file, HEADER + SecretKeyRing.newKey() + "\n", StandardCharsets.UTF_8);
            LOG.warn("Made a secrets key for the hand-off secrets in {}; keep it apart from the database's backups", file);
        } catch (IOException e) {
            throw new UncheckedIOException("can't make the secrets key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Puts a fresh key first and keeps the others after it, replacing the file atomically; returns the new key's id. */
    static String rotate(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> keys = SecretKeyRing.keyLines(lines);
        SecretKeyRing.of(keys);
        String key = SecretKeyRing.newKey();
        List<String> rotated = new ArrayList<>(HEADER.lines().toList());
        rotated.add(key);
        rotated.addAll(keys);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly());
        Files.write(temporary, rotated, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return SecretKeyRing.keyIdOf(key);
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static void tighten(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warn("The secrets key file {} was readable by others; it is now readable by its owner only", file);
        }
    }

    private static boolean posix() {
        return Files.getFileAttributeView(Path.of("."), PosixFileAttributeView.class) != null;
    }
}
