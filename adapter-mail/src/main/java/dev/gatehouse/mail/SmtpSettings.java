package dev.gatehouse.mail;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP relay that sends verification emails, checked when built. Its {@link #toString()}
 * never shows the password.
 *
 * @param host                 the relay's host name or IP address
 * @param port                 the relay's port (the builder defaults it from {@code security}: 25, 587 or 465)
 * @param security             how the connection is protected
 * @param username             the login, if the relay wants one (then {@code password} must be present too)
 * @param password             the login's password
 * @param from                 the sender address (the {@code From} header)
 * @param fromName             the sender's display name, e.g. {@code Gatehouse}
 * @param replyTo              where replies go, if not to {@code from}
 * @param connectTimeout       longest wait for the TCP (and TLS) connection
 * @param readTimeout          longest wait for any one reply of the relay
 * @param writeTimeout         longest wait for any one write to the relay
 * @param deadline             longest time one email may take, every attempt and wait included, however slowly the
 *                             relay trickles its replies; when it passes the connection is closed
 * @param retries              how many times a transient failure is retried (0 to {@value #MAX_RETRIES})
 * @param retryBackoff         the wait before the first retry; it doubles for each further one
 * @param trustHostCertificate accept whatever certificate {@code host} presents, with no chain or name check;
 *                             only for tests and self-signed relays on a network you control
 * @param templateDirectory    a directory of templates that replace the built-in ones, per tenant or for all
 */
public record SmtpSettings(
        String host,
        int port,
        Security security,
        Optional<String> username,
        Optional<String> password,
        EmailAddress from,
        String fromName,
        Optional<EmailAddress> replyTo,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Duration deadline,
        int retries,
        Duration retryBackoff,
        boolean trustHostCertificate,
        Optional<Path> templateDirectory) {

    /** Default for each of the three timeouts. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Longest timeout accepted: a relay that is slower than this is treated as down. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
    /** Default total deadline per email. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    /** Longest deadline accepted. */
    public static final Duration MAX_DEADLINE = Duration.ofMinutes(10);
    /** Default number of retries after a transient failure. */
    public static final int DEFAULT_RETRIES = 2;
    /** Most retries accepted. */
    public static final int MAX_RETRIES = 10;
    /** Default wait before the first retry. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    /** Longest first wait accepted. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofMinutes(1);
    /** Default sender name. */
    public static final String DEFAULT_FROM_NAME = "Gatehouse";

    /** How the connection to the relay is protected. */
    public enum Security {
        /** Plain SMTP, no encryption; only for a relay on the same host or a trusted network. Default port 25. */
        NONE(25),
        /** Plain connection upgraded with STARTTLS; sending fails if the relay doesn't offer it. Default port 587. */
        STARTTLS_REQUIRED(587),
        /** TLS from the first byte ("implicit TLS", SMTPS). Default port 465. */
        SMTPS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port this kind of relay usually listens on. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        host = host.strip();
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("SMTP host must be a host name or IP address, got '" + Texts.preview(host) + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port must be between 1 and 65535, got " + port);
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        username = username.map(String::strip).filter(u -> !u.isEmpty());
        password = password.filter(p -> !p.isEmpty());
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("SMTP username and password go together: set both or neither");
        }
        if (username.isPresent() && Texts.hasControlCharacter(username.get())) {
            throw new IllegalArgumentException("SMTP username contains a control character (such as a line break)");
        }
        if (username.isPresent() && security == Security.NONE && !isLoopback(host)) {
            throw new IllegalArgumentException("SMTP security NONE would send the password in clear text to " + host
                    + "; use STARTTLS_REQUIRED or SMTPS (NONE with a login is allowed only for localhost)");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromName, "fromName");
        fromName = fromName.strip();
        if (fromName.isEmpty() || fromName.length() > 100 || Texts.hasControlCharacter(fromName)) {
            throw new IllegalArgumentException("sender name must be 1-100 characters without line breaks, got '"
                    + Texts.preview(fromName) + "'");
        }
        Objects.requireNonNull(replyTo, "replyTo");
        requireTimeout("connect timeout", connectTimeout);
        requireTimeout("read timeout", readTimeout);
        requireTimeout("write timeout", writeTimeout);
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.toMillis() < 1 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("SMTP deadline must be between 1 ms and " + MAX_DEADLINE.toMinutes()
                    + " min, got " + deadline);
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("SMTP retries must be between 0 and " + MAX_RETRIES + ", got " + retries);
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (retryBackoff.isNegative() || retryBackoff.compareTo(MAX_RETRY_BACKOFF) > 0) {
            throw new IllegalArgumentException("SMTP retry backoff must be between 0 and " + MAX_RETRY_BACKOFF.toSeconds()
                    + " s, got " + retryBackoff);
        }
        Objects.requireNonNull(templateDirectory, "templateDirectory");
    }

    /** Starts settings for a relay at {@code host} sending as {@code from}; everything else has a default. */
    public static Builder builder(String host, EmailAddress from) {
        return new Builder(host, from);
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username.orElse("(none)") + ", password=" + (password.isPresent() ? "[redacted]" : "(none)")
                + ", from=" + from + ", fromName=" + fromName + ", replyTo=" + replyTo.map(EmailAddress::toString).orElse("(none)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout
                + ", deadline=" + deadline + ", retries=" + retries + ", retryBackoff=" + retryBackoff + ", trustHostCertificate=" + trustHostCertificate
                + ", templateDirectory=" + templateDirectory.map(Path::toString).orElse("(built-in)") + "]";
    }

    private static void requireTimeout(String what, Duration timeout) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("SMTP " + what + " must be more than 0 and at most " + MAX_TIMEOUT.toSeconds()
                    + " s, got " + timeout);
        }
        if (timeout.toMillis() == 0) {
            throw new IllegalArgumentException("SMTP " + what + " must be at least 1 ms, got " + timeout);
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /** Builds {@link SmtpSettings} with defaults for whatever isn't set. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final EmailAddress from;
        private Integer port;
        private Security security = Security.STARTTLS_REQUIRED;
        private String username;
        private String password;
        private String fromName = DEFAULT_FROM_NAME;
        private EmailAddress replyTo;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private Duration writeTimeout = DEFAULT_TIMEOUT;
        private Duration deadline = DEFAULT_DEADLINE;
        private int retries = DEFAULT_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private boolean trustHostCertificate;
        private Path templateDirectory;

        private Builder(String host, EmailAddress from) {
            this.host = host;
            this.from = from;
        }

        /** The relay's port; without it, the usual port of the chosen {@link Security}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How the connection is protected; default {@link Security#STARTTLS_REQUIRED}. */
        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        /** Log in with these credentials. */
        public Builder login(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** The sender's display name; default {@value #DEFAULT_FROM_NAME}. */
        public Builder fromName(String fromName) {
            this.fromName = fromName;
            return this;
        }

        /** Where replies go; default the {@code From} address. */
        public Builder replyTo(EmailAddress replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        /** Sets the connect, read and write timeouts at once; each defaults to 10 s. */
        public Builder timeouts(Duration timeout) {
            return connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        /** The longest one email may take, all attempts included; default 30 s. */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Retry a transient failure this many times (default 2), waiting {@code backoff} (default 1 s), doubling each time. */
        public Builder retries(int retries, Duration backoff) {
            this.retries = retries;
            this.retryBackoff = backoff;
            return this;
        }

        /** Accept whatever certificate the host presents; only for tests and self-signed relays you control. */
        public Builder trustHostCertificate(boolean trust) {
            this.trustHostCertificate = trust;
            return this;
        }

        /** Look for templates in this directory before the built-in ones. */
        public Builder templateDirectory(Path templateDirectory) {
            this.templateDirectory = templateDirectory;
            return this;
        }

        /** The settings, checked. */
        public SmtpSettings build() {
            Objects.requireNonNull(security, "security");
            return new SmtpSettings(host, port == null ? security.defaultPort() : port, security,
                    Optional.ofNullable(username), Optional.ofNullable(password), from, fromName, Optional.ofNullable(replyTo),
                    connectTimeout, readTimeout, writeTimeout, deadline, retries, retryBackoff, trustHostCertificate,
                    Optional.ofNullable(templateDirectory));
        }
    }
}
