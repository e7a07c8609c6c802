package dev.gatehouse.web;

import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.in.SignInWithProvider.AwaitResult;
import dev.gatehouse.core.port.in.SignInWithProvider.AwaitingProvider;
import dev.gatehouse.core.port.in.SignInWithProvider.BeginResult;
import dev.gatehouse.core.port.in.SignInWithProvider.PreviewResult;
import dev.gatehouse.core.port.in.SignInWithProvider.ProviderClaims;
import dev.gatehouse.core.port.in.SignInWithProvider.Secrets;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInBegun;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInConflict;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInPreview;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInRefused;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInResult;
import dev.gatehouse.core.port.in.SignInWithProvider.SignedIn;
import dev.gatehouse.web.OidcClient.Discovery;
import dev.gatehouse.web.OidcClient.Redeemed;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in with an organisation's identity provider. {@code GET /sign-in/{token}} only shows who asks (link
 * scanners fetch links); its button, a plain link, opens {@code /sign-in/{token}/start}, which binds fresh
 * {@code state}, {@code nonce} and PKCE verifier to the request, keeps nonce and verifier in an HttpOnly cookie of
 * this browser alone, and sends the browser to the provider. The provider sends it back to
 * {@code /sign-in/callback}: the code is redeemed, the ID token checked, and the core links. Any failure shows a page
 * and changes nothing.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignInController {
    static final String COOKIE = "gatehouse_sign_in";

    private final SignInWithProvider signIns;
    private final OidcClient oidc;
    private final Pages pages;
    private final Messages messages;
    private final URI redirect;
    private final boolean secureCookie;

    SignInController(SignInWithProvider signIns, OidcClient oidc, Pages pages, WebSettings settings) {
        this.signIns = signIns;
        this.oidc = oidc;
        this.pages = pages;
        this.messages = pages.messages();
        this.redirect = OidcClient.redirectUri(settings.publicBaseUrl());
        this.secureCookie = settings.publicBaseUrl().getScheme().toLowerCase(Locale.ROOT).equals("https");
    }

    @Get(uri = "/sign-in/{token}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> show(@PathVariable String token, HttpRequest<?> request) {
        Locale language = PageLanguage.of(request);
        PreviewResult result = signIns.preview(token);
        if (result instanceof SignInPreview preview) {
            Map<String, Object> model = new HashMap<>();
            model.put("title", messages.get(language, "signin.title"));
            model.put("intro", messages.get(language, "signin.intro", preview.requester().username(), preview.guildName(), preview.tenantName()));
            model.put("startHref", LinkPages.pathSegment(token) + "/start");
            Map<String, String> link = new LinkedHashMap<>();
            link.put("discordName", preview.requester().username());
            link.put("discordId", preview.requester().id().toString());
            link.put("tenant", preview.tenantName());
            link.put("guild", preview.guildName());
            link.put("expires", messages.time(preview.expiresAt(), ZoneOffset.UTC, language));
            model.put("link", link);
            return pages.render(new Page(HttpStatus.OK, "sign-in", model, Optional.empty()).in(language));
        }
        return pages.render(problem(result, language));
    }

    @Get(uri = "/sign-in/{token}/start", produces = MediaType.TEXT_HTML)
    HttpResponse<String> start(@PathVariable String token, HttpRequest<?> request) {
        Locale language = PageLanguage.of(request);
        BeginResult result = signIns.begin(token);
        if (!(result instanceof SignInBegun begun)) {
            return pages.render(problem(result, language));
        }
        OidcSettings settings = begun.provider();
        Discovery discovery = oidc.discover(settings.issuer().orElseThrow());
        if (discovery instanceof Discovery.Failed) {
            return pages.render(providerDown(language));
        }
        URI authorization = oidc.authorizationRequest(((Discovery.Found) discovery).provider(), settings, redirect,
                begun.state().reveal(), begun.nonce().reveal(), begun.verifier().reveal());
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, authorization.toString())
                .cookie(cookie(begun.nonce().reveal() + "." + begun.verifier().reveal(), SignInRequest.LIFETIME));
        response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        return response;
    }

    @Get(uri = "/sign-in/callback", produces = MediaType.TEXT_HTML)
    HttpResponse<String> callback(@Nullable @QueryValue String state, @Nullable @QueryValue String code,
                                  @Nullable @QueryValue String error, HttpRequest<?> request) {
        Locale language = PageLanguage.of(request);
        if (state == null || state.isEmpty() || state.length() > 100) {
            return pages.render(problem(new SignInRefused(SignInWithProvider.Refusal.UNKNOWN), language));
        }
        String[] kept = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(".").split("\\.", 2);
        Secrets secrets = new Secrets(state, kept[0], kept.length > 1 ? kept[1] : "");
        AwaitResult awaiting = signIns.awaiting(secrets);
        if (!(awaiting instanceof AwaitingProvider open)) {
            return pages.render(problem(awaiting, language));
        }
        if (error != null || code == null || code.isEmpty() || code.length() > 2048) {
            return pages.render(message(HttpStatus.OK, "signin.cancelled", language));
        }
        OidcSettings settings = open.provider();
        Discovery discovery = oidc.discover(settings.issuer().orElseThrow());
        if (discovery instanceof Discovery.Failed) {
            return pages.render(providerDown(language));
        }
        Redeemed redeemed = oidc.redeem(((Discovery.Found) discovery).provider(), settings, code, redirect, secrets.verifier(),
                secrets.nonce());
        if (redeemed instanceof Redeemed.Unreachable) {
            return pages.render(providerDown(language));
        }
        if (redeemed instanceof Redeemed.Refused) {
            return pages.render(message(HttpStatus.FORBIDDEN, "signin.refused", language));
        }
        SignInResult result = signIns.complete(secrets, new ProviderClaims(((Redeemed.Verified) redeemed).claims()));
        MutableHttpResponse<String> response = pages.render(outcome(result, language));
        if (result instanceof SignedIn) {
            response.cookie(cookie("", Duration.ZERO));
        }
        return response;
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(COOKIE, value).path("/sign-in").httpOnly(true).secure(secureCookie).sameSite(SameSite.Lax).maxAge(maxAge);
    }

    private Page outcome(SignInResult result, Locale language) {
        if (result instanceof SignedIn done) {
            return Page.message(HttpStatus.OK, "ok", messages.get(language, "confirmed.title"), List.of(
                    messages.get(language, "confirmed.body", done.requester().username(), done.realName(), done.tenantName()),
                    messages.get(language, "confirmed.next", done.guildName())), null).in(language);
        }
        if (result instanceof SignInConflict conflict) {
            return switch (conflict.conflict()) {
                case ACCOUNT_ALREADY_LINKED -> Page.message(HttpStatus.CONFLICT, "problem", messages.get(language, "accountLinked.title"),
                        List.of(messages.get(language, "signin.refused.body")), null).in(language);
                case USER_LINKED_ELSEWHERE -> Page.message(HttpStatus.CONFLICT, "problem", messages.get(language, "userLinkedElsewhere.title"),
                        List.of(messages.get(language, "signin.refused.body")), null).in(language);
            };
        }
        return problem(result, language);
    }

    private Page problem(Object result, Locale language) {
        if (result instanceof ServiceUnavailable) {
            return Page.message(HttpStatus.SERVICE_UNAVAILABLE, "problem", messages.get(language, "unavailable.title"),
                    List.of(messages.get(language, "unavailable.body"), messages.get(language, "unavailable.next")), null).in(language)
                    .withRetryAfter(Duration.ofSeconds(30));
        }
        SignInRefused refused = (SignInRefused) result;
        return switch (refused.reason()) {
            case UNKNOWN -> message(HttpStatus.NOT_FOUND, "signin.unknown", language);
            case MISMATCH -> message(HttpStatus.FORBIDDEN, "signin.mismatch", language);
            case EXPIRED -> message(HttpStatus.GONE, "signin.expired", language);
            case ALREADY_USED -> Page.message(HttpStatus.GONE, "problem", messages.get(language, "signin.used.title"),
                    List.of(messages.get(language, "signin.used.body")), null).in(language);
            case REPLACED -> message(HttpStatus.GONE, "signin.replaced", language);
            case NOT_ENABLED -> message(HttpStatus.NOT_FOUND, "signin.notEnabled", language);
            case MISSING_CLAIM -> message(HttpStatus.FORBIDDEN, "signin.missingClaim", language);
            case NOT_IN_DIRECTORY -> message(HttpStatus.FORBIDDEN, "signin.notInDirectory", language);
        };
    }

    private Page providerDown(Locale language) {
        return message(HttpStatus.BAD_GATEWAY, "signin.providerDown", language).withRetryAfter(Duration.ofSeconds(30));
    }

    private Page message(HttpStatus status, String key, Locale language) {
        return Page.message(status, status == HttpStatus.OK ? "ok" : "problem", messages.get(key + ".title"),
                List.of(messages.get(key + ".body"), messages.get(key + ".next")), null).in(language);
    }
}
