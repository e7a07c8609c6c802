package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.VerificationToken;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes new verification tokens. The default draws 256 bits from {@link SecureRandom}. Thread-safe. */
@FunctionalInterface
public interface TokenSource {
    /** {@return a new token, never handed out before} */
    VerificationToken next();

    /** {@return 32 bytes of {@link SecureRandom}, base64url without padding, per token} */
    static TokenSource secureRandom() {
        SecureRandom random = new SecureRandom();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return VerificationToken.of(encoder.encodeToString(bytes));
        };
    }
}
