package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import org.junit.jupiter.api.Test;

/** What an operator reads when Gatehouse refuses to start: one line naming the setting. */
class StartupFailureTest {

    @Test
    void aSettingCheckIsReportedInItsOwnWords() {
        RuntimeException wrapped = new RuntimeException("Error instantiating bean of type [DiscordRunner]\n\nPath Taken: ...",
                new IllegalArgumentException("gatehouse.discord.proxy must be host:port of an HTTP proxy, got 'nohost'"));

        assertEquals("gatehouse.discord.proxy must be host:port of an HTTP proxy, got 'nohost'", StartupFailure.reason(wrapped));
    }

    @Test
    void aValueMicronautCannotConvertNamesTheSettingAndTheValue() {
        RuntimeException wrapped = new RuntimeException("Failed to inject value for parameter [publicBaseUrl] of class: "
                + "dev.gatehouse.web.WebSettings\n\nMessage: Error resolving property value [gatehouse.web.public-base-url]. "
                + "Unable to convert value [ht!tp://x] to target type [URI] due to: Illegal character in scheme name at index 2: "
                + "ht!tp://x\nPath Taken: new WebSettings(URI publicBaseUrl)");

        assertEquals("gatehouse.web.public-base-url: 'ht!tp://x' is not a valid URI (Illegal character in scheme name at index 2: "
                + "ht!tp://x)", StartupFailure.reason(wrapped));
    }

    @Test
    void anIoFailureSaysWhatWasBeingAttempted() {
        RuntimeException wrapped = new RuntimeException("Unable to start Micronaut server on *:8080\nmore",
                new BindException("Address already in use"));

        assertEquals("Unable to start Micronaut server on *:8080: Address already in use", StartupFailure.reason(wrapped));
    }
}
