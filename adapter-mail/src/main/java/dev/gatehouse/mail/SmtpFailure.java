package dev.gatehouse.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why one attempt to send failed, and whether another attempt could succeed: SMTP 5xx replies and bad
 * addresses are permanent; 4xx replies, refused connections, timeouts and TLS trouble are transient.
 *
 * @param permanent true when retrying can't help
 * @param replied   true when the relay answered with a 4xx or 5xx reply (rather than the connection failing)
 * @param reason    one line for operators; never holds the message body (and so never a link)
 */
record SmtpFailure(boolean permanent, boolean replied, String reason) {
    private static final int MAX_REPLY_LENGTH = 200;
    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

    static SmtpFailure permanent(String reason) {
        return new SmtpFailure(true, false, reason);
    }

    static SmtpFailure transientFailure(String reason) {
        return new SmtpFailure(false, false, reason);
    }

    /** The relay answered with a temporary (4xx) failure: it says it does not have the message. */
    boolean temporaryReply() {
        return replied && !permanent;
    }

    /** Classifies what Jakarta Mail threw while talking to {@code relay} ({@code host:port}). */
    static SmtpFailure of(MessagingException failure, String relay) {
        SmtpReply reply = replyIn(failure);
        if (reply != null) {
            return reply.code() >= 500
                    ? new SmtpFailure(true, true, "the relay " + relay + " refused " + reply.subject() + ": " + reply.text())
                    : new SmtpFailure(false, true, "the relay " + relay + " deferred " + reply.subject() + ": " + reply.text());
        }
        IOException io = cause(failure, IOException.class);
        if (io instanceof SocketTimeoutException) {
            return transientFailure("timed out talking to " + relay + " (" + oneLine(io.getMessage()) + ")");
        }
        if (io instanceof ConnectException) {
            return transientFailure("could not connect to " + relay + " (" + oneLine(io.getMessage()) + ")");
        }
        if (io instanceof UnknownHostException) {
            return transientFailure("could not resolve the relay's host name " + relay);
        }
        SSLException tls = cause(failure, SSLException.class);
        if (tls != null) {
            return transientFailure("TLS with " + relay + " failed (" + oneLine(tls.getMessage()) + ")");
        }
        if (io != null) {
            return transientFailure("lost the connection to " + relay + " (" + oneLine(failure.getMessage()) + ": "
                    + oneLine(io.getMessage()) + ")");
        }
        if (failure instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0) {
            return permanent("the relay " + relay + " refused the recipient (" + oneLine(failure.getMessage()) + ")");
        }
        return transientFailure("could not send through " + relay + " (" + oneLine(failure.getMessage()) + ")");
    }

    private record SmtpReply(int code, String subject, String text) {
    }

    private static SmtpReply replyIn(MessagingException failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException e && isFailure(e.getReturnCode())) {
                return new SmtpReply(e.getReturnCode(), "the recipient", reply(e.getReturnCode(), e.getMessage()));
            }
            if (t instanceof SMTPSenderFailedException e && isFailure(e.getReturnCode())) {
                return new SmtpReply(e.getReturnCode(), "the sender", reply(e.getReturnCode(), e.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException e && isFailure(e.getReturnCode())) {
                String command = e.getCommand() == null ? "" : e.getCommand().toUpperCase(Locale.ROOT);
                String subject = command.startsWith("MAIL") ? "the sender" : command.startsWith("RCPT") ? "the recipient" : "the message";
                return new SmtpReply(e.getReturnCode(), subject, reply(e.getReturnCode(), e.getMessage()));
            }
            if (t instanceof AuthenticationFailedException e) {
                Matcher code = LEADING_CODE.matcher(e.getMessage() == null ? "" : e.getMessage());
                if (code.find() && isFailure(Integer.parseInt(code.group(1)))) {
                    return new SmtpReply(Integer.parseInt(code.group(1)), "the login", oneLine(e.getMessage()));
                }
            }
        }
        return null;
    }

    private static boolean isFailure(int code) {
        return code >= 400 && code < 600;
    }

    private static String reply(int code, String message) {
        String text = oneLine(message);
        return text.startsWith(String.valueOf(code)) ? text : code + " " + text;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** The failure and its causes, including Jakarta Mail's "next" exceptions, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        while (current != null && seen.add(current)) {
            chain.add(current);
            current = current instanceof MessagingException m && m.getNextException() != null ? m.getNextException()
                    : current.getCause();
        }
        return chain;
    }

    /** Server replies and exception texts cut to one short line, fit for a log. */
    static String oneLine(String text) {
        if (text == null) {
            return "no details";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_REPLY_LENGTH ? flat : flat.substring(0, MAX_REPLY_LENGTH) + "…";
    }
}
