package dev.gatehouse.core.scenario;

import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.port.out.HandoffTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-off tokens without cryptography, for scenarios: a token is an opaque name for the claims and secret it
 * was "signed" with. The organisation's site in a test signs callbacks with {@link #signCallback}.
 */
final class FakeHandoffTokens implements HandoffTokens {
    private record Signed(Object claims, HandoffSecret secret) {
    }

    private final Map<String, Signed> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public String sign(Grant grant, HandoffSecret secret) {
        String token = "outbound-" + count.incrementAndGet();
        tokens.put(token, new Signed(grant, secret));
        return token;
    }

    String signCallback(Callback callback, HandoffSecret secret) {
        String token = "callback-" + count.incrementAndGet();
        tokens.put(token, new Signed(callback, secret));
        return token;
    }

    /** The grant an outbound token carries, as the organisation's site would read it. */
    Grant grantOf(String token) {
        return (Grant) tokens.get(token).claims();
    }

    @Override
    public Reading readCallback(String token, HandoffSecret secret) {
        Signed signed = tokens.get(token);
        if (signed == null) {
            return new Reading.Malformed("not a token");
        }
        if (!signed.secret().equals(secret)) {
            return new Reading.BadSignature();
        }
        if (signed.claims() instanceof Grant) {
            return new Reading.WrongType("gatehouse-handoff+jwt");
        }
        return new Reading.Signed((Callback) signed.claims());
    }
}
