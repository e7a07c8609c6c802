package dev.gatehouse.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, noting when the relay accepted {@code DATA} (answered 354). From then on the relay
 * may have the message even if its final answer never arrives, so only a 4xx answer may be retried.
 */
final class DataTrackingTransport extends SMTPTransport {
    private volatile boolean dataAccepted;

    DataTrackingTransport(Session session, String host, int port) {
        super(session, new URLName("smtp", host, port, null, null, null));
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream out = super.data();
        dataAccepted = true;
        return out;
    }

    /** True once the relay accepted {@code DATA} and the message started to flow. */
    boolean dataAccepted() {
        return dataAccepted;
    }
}
