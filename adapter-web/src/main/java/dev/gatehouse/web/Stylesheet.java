package dev.gatehouse.web;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The pages' only style sheet, inlined into each page and allowed by its hash in the Content-Security-Policy,
 * so pages need no further request and no style from anywhere else can apply.
 */
@Singleton
final class Stylesheet {
    private static final String RESOURCE = "dev/gatehouse/web/gatehouse.css";

    private final String text;
    private final String cspSource;

    Stylesheet() {
        try (InputStream in = Stylesheet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            this.cspSource = "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String text() {
        return text;
    }

    /** The CSP source expression that allows exactly this style sheet, e.g. {@code 'sha256-…'}. */
    String cspSource() {
        return cspSource;
    }
}
