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
import dev.gatehouse.core.text.Moments;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    /** The page for {@code GET /verify/{token}} or {@code GET /deny/{token}}, in English unless the session says otherwise. */
    Page preview(PreviewResult result, Action action, String token) {
        return preview(result, action, token, Messages.LOCALE);
    }

    /**
     * The page for {@code GET /verify/{token}} or {@code GET /deny/{token}}: in the language the member's Discord used at
     * {@code /verify}, else {@code browserLanguage}.
     */
    Page preview(PreviewResult result, Action action, String token, Locale browserLanguage) {
        Locale language = languageOf(result, browserLanguage);
        if (result instanceof AwaitingDecision) {
            return review(((AwaitingDecision) result).session(), action, token, language).in(language);
        }
        return closed(result, action, language).in(language);
    }

    /** The session's language (from {@code /verify}) if the result has a session and the language is known. */
    static Locale languageOf(Object result, Locale browserLanguage) {
        Optional<SessionView> session = Optional.empty();
        if (result instanceof AwaitingDecision r) {
            session = Optional.of(r.session());
        } else if (result instanceof Confirmed r) {
            session = Optional.of(r.session());
        } else if (result instanceof AccountAlreadyLinked r) {
            session = Optional.of(r.session());
        } else if (result instanceof UserLinkedElsewhere r) {
            session = Optional.of(r.session());
        } else if (result instanceof Denied r) {
            session = Optional.of(r.session());
        } else if (result instanceof AlreadyConfirmed r) {
            session = Optional.of(r.session());
        } else if (result instanceof AlreadyDenied r) {
            session = Optional.of(r.session());
        }
        return session.flatMap(SessionView::language).orElse(browserLanguage);
    }

    /** The page for {@code POST /verify/{token}}, in English unless the session says otherwise. */
    Page confirm(ConfirmResult result) {
        return confirm(result, Messages.LOCALE);
    }

    /** The page for {@code POST /verify/{token}}. */
    Page confirm(ConfirmResult result, Locale browserLanguage) {
        Locale language = languageOf(result, browserLanguage);
        return confirmPage(result, language).in(language);
    }

    private Page confirmPage(ConfirmResult result, Locale language) {
        if (result instanceof Confirmed confirmed) {
            SessionView session = confirmed.session();
            List<String> lines = new ArrayList<>(List.of(
                    messages.get(language, "confirmed.body", session.requester().username(), session.realName(), session.tenantName()),
                    messages.get(language, "confirmed.next", session.guildName())));
            confirmed.holdsUntil().ifPresent(until -> lines.add(messages.get(language, "confirmed.holdsUntil",
                    Moments.describe(until, session.timeZone(), language))));
            return Page.message(HttpStatus.OK, "ok", messages.get(language, "confirmed.title"), lines, details(session, false, language));
        }
        if (result instanceof AccountAlreadyLinked) {
            SessionView session = ((AccountAlreadyLinked) result).session();
            return Page.message(HttpStatus.CONFLICT, "problem", messages.get(language, "accountLinked.title"), List.of(
                    messages.get(language, "accountLinked.body", session.requester().username(), session.tenantName()),
                    messages.get(language, "accountLinked.next", session.guildName())), details(session, false, language));
        }
        if (result instanceof UserLinkedElsewhere) {
            SessionView session = ((UserLinkedElsewhere) result).session();
            return Page.message(HttpStatus.CONFLICT, "problem", messages.get(language, "userLinkedElsewhere.title"), List.of(
                    messages.get(language, "userLinkedElsewhere.body", session.realName(), session.tenantName()),
                    messages.get(language, "userLinkedElsewhere.next", session.guildName())), details(session, false, language));
        }
        return closed(result, Action.CONFIRM, language);
    }

    /** The page for {@code POST /deny/{token}}, in English unless the session says otherwise. */
    Page deny(DenyResult result) {
        return deny(result, Messages.LOCALE);
    }

    /** The page for {@code POST /deny/{token}}. */
    Page deny(DenyResult result, Locale browserLanguage) {
        Locale language = languageOf(result, browserLanguage);
        return denyPage(result, language).in(language);
    }

    private Page denyPage(DenyResult result, Locale language) {
        if (result instanceof Denied) {
            Denied denied = (Denied) result;
            SessionView session = denied.session();
            return Page.message(HttpStatus.OK, "ok", messages.get(language, "denied.title"), List.of(
                    messages.get(language, "denied.body", session.requester().username(), session.guildName()),
                    messages.get(language, "denied.block", messages.time(denied.blockedUntil(), session.timeZone(), language)),
                    messages.get(language, "denied.next")), details(session, false, language));
        }
        return closed(result, Action.DENY, language);
    }

    /** The outcomes that all three requests share: finished, dead, unknown, throttled or unavailable. */
    private Page closed(Object result, Action action, Locale language) {
        if (result instanceof AlreadyConfirmed) {
            SessionView session = ((AlreadyConfirmed) result).session();
            List<String> lines = new ArrayList<>();
            lines.add(messages.get(language, "alreadyConfirmed.body", session.requester().username(), session.realName()));
            lines.add(messages.get(language, action == Action.DENY ? "alreadyConfirmed.notYou" : "alreadyConfirmed.next", session.guildName()));
            return Page.message(HttpStatus.OK, "ok", messages.get(language, "alreadyConfirmed.title"), lines, details(session, false, language));
        }
        if (result instanceof AlreadyDenied) {
            SessionView session = ((AlreadyDenied) result).session();
            List<String> lines = new ArrayList<>();
            lines.add(messages.get(language, "alreadyDenied.body", session.requester().username()));
            lines.add(messages.get(language, action == Action.CONFIRM ? "alreadyDenied.wasMe" : "alreadyDenied.next", session.guildName()));
            return Page.message(HttpStatus.OK, "ok", messages.get(language, "alreadyDenied.title"), lines, details(session, false, language));
        }
        if (result instanceof LinkInactive) {
            return Page.message(HttpStatus.GONE, "problem", messages.get(language, "inactive.title"),
                    List.of(messages.get(language, "inactive.body"), messages.get(language, "inactive.next")), null);
        }
        if (result instanceof LinkReplaced) {
            return Page.message(HttpStatus.GONE, "problem", messages.get(language, "replaced.title"),
                    List.of(messages.get(language, "replaced.body"), messages.get(language, "replaced.next")), null);
        }
        if (result instanceof LinkWithdrawn) {
            return Page.message(HttpStatus.GONE, "problem", messages.get(language, "withdrawn.title"),
                    List.of(messages.get(language, "withdrawn.body"), messages.get(language, "withdrawn.next")), null);
        }
        if (result instanceof LinkUnknown) {
            return Page.message(HttpStatus.NOT_FOUND, "problem", messages.get(language, "unknown.title"),
                    List.of(messages.get(language, "unknown.body"), messages.get(language, "unknown.next")), null);
        }
        if (result instanceof TooManyAttempts) {
            TooManyAttempts throttled = (TooManyAttempts) result;
            return Page.message(HttpStatus.TOO_MANY_REQUESTS, "problem", messages.get(language, "tooManyAttempts.title"),
                    List.of(messages.get(language, "tooManyAttempts.body", Pages.seconds(throttled.retryAfter()))), null)
                    .withRetryAfter(throttled.retryAfter());
        }
        if (result instanceof ServiceUnavailable) {
            return unavailable(language);
        }
        throw new IllegalStateException("no page for link result " + result.getClass().getSimpleName());
    }

    /** A store outage: 503 with a short Retry-After, since the service recovers by itself when the store returns. */
    Page unavailable() {
        return unavailable(Messages.LOCALE);
    }

    Page unavailable(Locale language) {
        return Page.message(HttpStatus.SERVICE_UNAVAILABLE, "problem", messages.get(language, "unavailable.title"),
                List.of(messages.get(language, "unavailable.body"), messages.get(language, "unavailable.next")), null)
                .withRetryAfter(OUTAGE_RETRY).in(language);
    }

    private Page review(SessionView session, Action action, String token, Locale language) {
        Map<String, Object> model = new HashMap<>();
        String prefix = action == Action.CONFIRM ? "review.confirm." : "review.deny.";
        model.put("title", messages.get(language, prefix + "title"));
        model.put("intro", messages.get(language, prefix + "intro", session.requester().username(), session.guildName(), session.tenantName()));
        model.put("action", action == Action.CONFIRM ? "confirm" : "deny");
        model.put("denyAction", "../deny/" + pathSegment(token));
        model.put("link", details(session, true, language));
        return new Page(HttpStatus.OK, "review", model, Optional.empty());
    }

    private Map<String, String> details(SessionView session, boolean withExpiry, Locale language) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("discordName", session.requester().username());
        details.put("discordId", session.requester().id().toString());
        details.put("realName", session.realName());
        details.put("userId", session.userId().value());
        details.put("tenant", session.tenantName());
        details.put("guild", session.guildName());
        details.put("expires", withExpiry ? messages.get(language, "details.expiresAt",
                messages.time(session.expiresAt(), session.timeZone(), language), messages.duration(session.remaining(), language)) : "");
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
