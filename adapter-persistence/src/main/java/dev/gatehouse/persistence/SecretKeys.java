package dev.gatehouse.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link SecretKeyRing} from configuration: {@code gatehouse.secrets.key} (base64 of 32 bytes) or
 * {@code gatehouse.secrets.key-file} (one base64 key per line, current first), plus
 * {@code gatehouse.secrets.previous-keys} (comma-separated, for decryption only). With none of them the ring is
 * empty and a hand-off secret can be neither stored nor read.
 */
@Factory
class SecretKeys {
    static final String HOW_TO_CONFIGURE = "set GATEHOUSE_SECRETS_KEY to the base64 of 32 random bytes, e.g. from "
            + "'java -jar gatehouse.jar secrets new-key', or GATEHOUSE_SECRETS_KEY_FILE to a file holding one";

    @Singleton
    SecretKeyRing secretKeyRing(@Value("${gatehouse.secrets.key:}") String key,
                                @Value("${gatehouse.secrets.key-file:}") String keyFile,
                                @Value("${gatehouse.secrets.previous-keys:}") String previousKeys) {
        return ring(key, keyFile, previousKeys);
    }

    /** The ring these settings describe; blank means not set. */
    static SecretKeyRing ring(String key, String keyFile, String previousKeys) {
        List<String> previous = Arrays.stream(previousKeys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (!key.isBlank() && !keyFile.isBlank()) {
            throw new IllegalArgumentException("set gatehouse.secrets.key or gatehouse.secrets.key-file, not both");
        }
        List<String> keys = new ArrayList<>();
        try {
            if (!key.isBlank()) {
                keys.add(key.strip());
            } else if (!keyFile.isBlank()) {
                keys.addAll(SecretKeyRing.keyLines(readLines(Path.of(keyFile.strip()))));
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("the secrets key file " + keyFile.strip() + " holds no key");
                }
            } else if (!previous.isEmpty()) {
                throw new IllegalArgumentException("gatehouse.secrets.previous-keys is set but there is no current key ("
                        + HOW_TO_CONFIGURE + ")");
            }
            keys.addAll(previous);
            return SecretKeyRing.of(keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets keys are not valid: " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("can't read the secrets key file " + file + ": " + e.getMessage(), e);
        }
    }
}
