package dev.gatehouse.persistence;

/** A secret must be encrypted or decrypted but no secrets key is configured; the message says what to set. */
public final class SecretKeyUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SecretKeyUnavailableException(String message) {
        super(message);
    }
}
