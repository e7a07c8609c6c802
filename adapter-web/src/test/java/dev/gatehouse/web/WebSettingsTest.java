package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.ReviewVerification;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gatehouse.web settings: bound from configuration, checked at start-up, and the source of emailed links. */
class WebSettingsTest {
    private static final VerificationToken TOKEN = VerificationToken.of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");

    @Test
    void settingsBindFromConfigurationAndBuildTheEmailedLinks() {
        try (ApplicationContext context = start(Map.of(
                "gatehouse.web.public-base-url", "https://verify.example.edu/gatehouse/",
                "gatehouse.web.trusted-proxies", "10.0.0.0/8,192.0.2.1",
                "gatehouse.web.client-ip-header", "Forwarded"))) {
            WebSettings settings = context.getBean(WebSettings.class);

            assertEquals(URI.create("https://verify.example.edu/gatehouse/"), settings.publicBaseUrl());
            assertEquals(List.of("10.0.0.0/8", "192.0.2.1"), settings.trustedProxies());
            assertEquals("Forwarded", settings.clientIpHeader());
            assertEquals(URI.create("https://verify.example.edu/gatehouse/verify/" + TOKEN.reveal()),
                    settings.verificationLinks().confirmLink(TOKEN));
            assertEquals(URI.create("https://verify.example.edu/gatehouse/deny/" + TOKEN.reveal()),
                    settings.verificationLinks().denyLink(TOKEN));
        }
    }

    @Test
    void byDefaultNoProxyIsTrustedAndXForwardedForWouldBeTheHeader() {
        WebSettings settings = WebSettings.of(URI.create("https://verify.example.edu"));

        assertEquals(List.of(), settings.trustedProxies());
        assertEquals("X-Forwarded-For", settings.clientIpHeader());
    }

    @Test
    void theApplicationDoesNotStartWithoutAPublicBaseUrl() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(Map.of()).close());

        assertTrue(messages(failure).contains("gatehouse.web.public-base-url"), messages(failure));
    }

    @Test
    void theApplicationDoesNotStartWithoutTheCoresReviewVerification() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> {
            ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("gatehouse.web.public-base-url", "https://verify.example.edu")).build();
            context.registerSingleton(CompleteHandoff.class, UNUSED_HANDOFF);
            context.start().close();
        });

        assertTrue(messages(failure).contains(ReviewVerification.class.getName()), messages(failure));
    }

    @Test
    void theApplicationDoesNotStartWithoutTheCoresCompleteHandoff() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> {
            ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("gatehouse.web.public-base-url", "https://verify.example.edu")).build();
            context.registerSingleton(ReviewVerification.class, new UnusedReview());
            context.start().close();
        });

        assertTrue(messages(failure).contains(CompleteHandoff.class.getName()), messages(failure));
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertThrows(IllegalArgumentException.class, () -> WebSettings.of(URI.create("ftp://verify.example.edu")));
        assertThrows(IllegalArgumentException.class, () -> WebSettings.of(URI.create("/relative")));
        IllegalArgumentException proxy = assertThrows(IllegalArgumentException.class,
                () -> new WebSettings(URI.create("https://verify.example.edu"), List.of("proxy.internal"), null));
        assertTrue(proxy.getMessage().contains("gatehouse.web.trusted-proxies"));
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> new WebSettings(URI.create("https://verify.example.edu"), List.of(), "X-Forwarded-For: 1.2.3.4"));
        assertTrue(header.getMessage().contains("gatehouse.web.client-ip-header"));
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        context.registerSingleton(ReviewVerification.class, new UnusedReview());
        context.registerSingleton(CompleteHandoff.class, UNUSED_HANDOFF);
        return context.start();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The callback needs a CompleteHandoff to start; these tests never call it. */
    private static final CompleteHandoff UNUSED_HANDOFF = command -> {
        throw new UnsupportedOperationException();
    };

    /** The pages need a ReviewVerification to start; these tests never call it. */
    private static final class UnusedReview implements ReviewVerification {
        @Override
        public PreviewResult preview(LinkCommand command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfirmResult confirm(LinkCommand command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DenyResult deny(LinkCommand command) {
            throw new UnsupportedOperationException();
        }
    }
}
