package dev.gatehouse.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that encrypt secrets at rest (AES-256-GCM from the JDK): the current key, which encrypts, and older
 * ones kept only to decrypt what they encrypted until it is re-encrypted. Each key is 32 random bytes, written as
 * base64; its id (16 hex digits of a SHA-256 of the key) is stored beside each ciphertext, so the right key is
 * found without trying them all and the id tells nothing about the key. The keys never reach the database.
 * Immutable and thread-safe.
 */
public final class SecretKeyRing {
    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> currentId;
    private final Map<String, SecretKeySpec> keys;

    private SecretKeyRing(List<byte[]> keys) {
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("a secrets key is " + KEY_BYTES + " bytes (base64 of 32 random bytes), got "
                        + key.length + " bytes");
            }
            byId.putIfAbsent(keyId(key), new SecretKeySpec(key.clone(), "AES"));
        }
        this.keys = Map.copyOf(byId);
        this.currentId = keys.isEmpty() ? Optional.empty() : Optional.of(keyId(keys.get(0)));
    }

    /** No key at all: nothing can be encrypted or decrypted. */
    public static SecretKeyRing none() {
        return new SecretKeyRing(List.of());
    }

    /** The current key first, then older ones, each the base64 of 32 bytes. */
    public static SecretKeyRing of(List<String> base64Keys) {
        List<byte[]> keys = new ArrayList<>();
        for (String text : base64Keys) {
            keys.add(decode(text));
        }
        return new SecretKeyRing(keys);
    }

    /**
     * The keys among a key file's lines, in order: one base64 key per line, the current key first, older ones after
     * it; blank lines and lines starting with {@code #} are ignored.
     */
    public static List<String> keyLines(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** A fresh random key, base64. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The id stored beside what {@code base64Key} encrypts. */
    public static String keyIdOf(String base64Key) {
        return keyId(decode(base64Key));
    }

    /** The id of the key that encrypts, if there is one. */
    public Optional<String> currentKeyId() {
        return currentId;
    }

    public boolean hasKey(String id) {
        return keys.containsKey(id);
    }

    /**
     * Encrypts {@code plaintext} with the current key; {@code context} (e.g. the tenant) is authenticated with it,
     * so a ciphertext copied to another row does not decrypt.
     *
     * @throws SecretKeyUnavailableException if there is no key
     */
    public Sealed seal(String context, byte[] plaintext) {
        String id = currentId.orElseThrow(() -> new SecretKeyUnavailableException("no secrets key is configured"));
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(id), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + encrypted.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(encrypted, 0, out, IV_BYTES, encrypted.length);
            return new Sealed(id, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** Decrypts what {@link #seal} made with {@code context}; says why when it can't. */
    public Opening open(String context, String keyId, byte[] sealed) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            return new Opening.Unopenable(keys.isEmpty()
                    ? "it was encrypted with key " + keyId + " and no secrets key is configured"
                    : "it was encrypted with key " + keyId + ", which is not among the configured keys");
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            return new Opening.Unopenable("the stored value is too short to be a ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new Opening.Opened(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
        } catch (AEADBadTagException e) {
            return new Opening.Unopenable("key " + keyId + " does not open it (a different key with the same id, or a damaged value)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** A ciphertext (IV, then ciphertext and tag) and the id of the key that made it. */
    public record Sealed(String keyId, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    /** The outcome of {@link #open}. */
    public sealed interface Opening {
        record Opened(byte[] plaintext) implements Opening {
        }

        record Unopenable(String reason) implements Opening {
        }
    }

    private static byte[] decode(String text) {
        Objects.requireNonNull(text, "key");
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secrets key must be base64 (of 32 random bytes)");
        }
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("gatehouse secrets key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SecretKeyRing[current=" + currentId.orElse("none") + ", keys=" + keys.keySet() + "]";
    }
}
