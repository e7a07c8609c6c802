package dev.gatehouse.discord;

import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.port.out.HandoffTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in signer for tests of the bot: the real one (JOSE, in adapter-web) is out of this module's reach.
 * The token names the requester and server in clear text with an HMAC over them, enough to check that the link
 * shown is the one the core made for this member. It reads no callbacks.
 */
final class TestHandoffTokens implements HandoffTokens {

    @Override
    public String sign(Grant grant, HandoffSecret secret) {
        String claims = base64(("test|" + grant.requester().id() + "|" + grant.guild() + "|" + grant.expiresAt().getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
            return claims + "." + base64(mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Reading readCallback(String token, HandoffSecret secret) {
        return new Reading.Malformed("the test signer reads no callbacks");
    }

    /** The claims part of a token this signer made, decoded. */
    static String claimsOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
