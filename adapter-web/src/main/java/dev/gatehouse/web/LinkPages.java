package dev.gatehouse.web;

import dev.gatehouse.core.port.in.ReviewVerification.AccountAlreadyLinked;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyConfirmed;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyDenied;
import dev.gatehouse.core.port.in.ReviewVerification.AwaitingDecision;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.Denied;
import dev.gatehouse.core.port.in.ReviewVerification.DenyResult;
import dev.gatehouse.core.port.in.ReviewVerification.LinkInactive;
import dev.gatehouse.core.port.in.ReviewVerification.LinkReplaced;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import dev.gatehouse.core.port.in.ReviewVerification.LinkWithdrawn;
import dev.gatehouse.core.port.in.ReviewVerification.PreviewResult;
import dev.gatehouse.core.port.in.ReviewVerification.TooManyAttempts;
import dev.gatehouse.core.port.in.ReviewVerification.UserLinkedElsewhere;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SessionView;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the core's link results into pages: which template, which HTTP status, which words. Finished
 * sessions are friendly 200 pages until their expiry; after it any link is a plain 410 "no longer active" that
 * names nobody; a replaced or withdrawn link is 410, an unknown one 404, backoff 429 with {@code Retry-After}, a
 * store outage 503.
 */
@Singleton
final class LinkPages {
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(30);

    /** What the person came to do: the confirm link or the deny link. */
    enum Action { CONFIRM, DENY }

    private final Messages messages;

    LinkPages(Messages messages) {
        this.messages = messages;
    }

    /** The page for {@code GET /verify/{token}} or {@code GET /deny/{token}}. */
    Page preview(PreviewResult result, Action action, String token) {
        if (result instanceof AwaitingDecision) {
            return review(((AwaitingDecision) result).session(), action, token);
        }
        return closed(result, action);
    }

    /** The page for {@code POST /verify/{token}}. */
    Page confirm(ConfirmResult result) {
        if (result instanceof Confirmed) {
            SessionView session = ((Confirmed) result).session();
            return Page.message(HttpStatus.OK, "ok", messages.get("confirmed.title"), List.of(
                    messages.get("confirmed.body", session.requester().username(), session.realName(), session.tenantName()),
                    messages.get("confirmed.next", session.guildName())), details(session, false));
        }
        if (result instanceof AccountAlreadyLinked) {
            SessionView session = ((AccountAlreadyLinked) result).session();
            return Page.message(HttpStatus.CONFLICT, "problem", messages.get("accountLinked.title"), List.of(
                    messages.get("accountLinked.body", session.requester().username(), session.tenantName()),
                    messages.get("accountLinked.next", session.guildName())), details(session, false));
        }
        if (result instanceof UserLinkedElsewhere) {
            SessionView session = ((UserLinkedElsewhere) result).session();
            return Page.message(HttpStatus.CONFLICT, "problem", messages.get("userLinkedElsewhere.title"), List.of(
                    messages.get("userLinkedElsewhere.body", session.realName(), session.tenantName()),
                    messages.get("userLinkedElsewhere.next", session.guildName())), details(session, false));
        }
        return closed(result, Action.CONFIRM);
    }

    /** The page for {@code POST /deny/{token}}. */
    Page deny(DenyResult result) {
        if (result instanceof Denied) {
            Denied denied = (Denied) result;
            SessionView session = denied.session();
            return Page.message(HttpStatus.OK, "ok", messages.get("denied.title"), List.of(
                    messages.get("denied.body", session.requester().username(), session.guildName()),
                    messages.get("denied.block", messages.time(denied.blockedUntil())),
                    messages.get("denied.next")), details(session, false));
        }
        return closed(result, Action.DENY);
    }

    /** The outcomes that all three requests share: finished, dead, unknown, throttled or unavailable. */
    private Page closed(Object result, Action action) {
        if (result instanceof AlreadyConfirmed) {
            SessionView session = ((AlreadyConfirmed) result).session();
            List<String> lines = new ArrayList<>();
            lines.add(messages.get("alreadyConfirmed.body", session.requester().username(), session.realName()));
            lines.add(messages.get(action == Action.DENY ? "alreadyConfirmed.notYou" : "alreadyConfirmed.next", session.guildName()));
            return Page.message(HttpStatus.OK, "ok", messages.get("alreadyConfirmed.title"), lines, details(session, false));
        }
        if (result instanceof AlreadyDenied) {
            SessionView session = ((AlreadyDenied) result).session();
            List<String> lines = new ArrayList<>();
            lines.add(messages.get("alreadyDenied.body", session.requester().username()));
            lines.add(messages.get(action == Action.CONFIRM ? "alreadyDenied.wasMe" : "alreadyDenied.next", session.guildName()));
            return Page.message(HttpStatus.OK, "ok", messages.get("alreadyDenied.title"), lines, details(session, false));
        }
        if (result instanceof LinkInactive) {
            return Page.message(HttpStatus.GONE, "problem", messages.get("inactive.title"),
                    List.of(messages.get("inactive.body"), messages.get("inactive.next")), null);
        }
        if (result instanceof LinkReplaced) {
            return Page.message(HttpStatus.GONE, "problem", messages.get("replaced.title"),
                    List.of(messages.get("replaced.body"), messages.get("replaced.next")), null);
        }
        if (result instanceof LinkWithdrawn) {
            return Page.message(HttpStatus.GONE, "problem", messages.get("withdrawn.title"),
                    List.of(messages.get("withdrawn.body"), messages.get("withdrawn.next")), null);
        }
        if (result instanceof LinkUnknown) {
            return Page.message(HttpStatus.NOT_FOUND, "problem", messages.get("unknown.title"),
                    List.of(messages.get("unknown.body"), messages.get("unknown.next")), null);
        }
        if (result instanceof TooManyAttempts) {
            TooManyAttempts throttled = (TooManyAttempts) result;
            return Page.message(HttpStatus.TOO_MANY_REQUESTS, "problem", messages.get("tooManyAttempts.title"),
                    List.of(messages.get("tooManyAttempts.body", Pages.seconds(throttled.retryAfter()))), null)
                    .withRetryAfter(throttled.retryAfter());
        }
        if (result instanceof ServiceUnavailable) {
            return unavailable();
        }
        throw new IllegalStateException("no page for link result " + result.getClass().getSimpleName());
    }

    /** A store outage: 503 with a short Retry-After, since the service recovers by itself when the store returns. */
    Page unavailable() {
        return Page.message(HttpStatus.SERVICE_UNAVAILABLE, "problem", messages.get("unavailable.title"),
                List.of(messages.get("unavailable.body"), messages.get("unavailable.next")), null)
                .withRetryAfter(OUTAGE_RETRY);
    }

    private Page review(SessionView session, Action action, String token) {
        Map<String, Object> model = new HashMap<>();
        String prefix = action == Action.CONFIRM ? "review.confirm." : "review.deny.";
        model.put("title", messages.get(prefix + "title"));
        model.put("intro", messages.get(prefix + "intro", session.requester().username(), session.guildName(), session.tenantName()));
        model.put("action", action == Action.CONFIRM ? "confirm" : "deny");
        model.put("denyAction", "../deny/" + pathSegment(token));
        model.put("link", details(session, true));
        return new Page(HttpStatus.OK, "review", model, Optional.empty());
    }

    private Map<String, String> details(SessionView session, boolean withExpiry) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("discordName", session.requester().username());
        details.put("discordId", session.requester().id().toString());
        details.put("realName", session.realName());
        details.put("userId", session.userId().value());
        details.put("tenant", session.tenantName());
        details.put("guild", session.guildName());
        details.put("expires", withExpiry ? messages.time(session.expiresAt()) : "");
        return details;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so a token can't break out of its path segment. */
    static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
