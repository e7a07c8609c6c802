package dev.gatehouse.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail's SMTP server speaks no STARTTLS, so tests put this in front of it: it greets, offers only
 * STARTTLS, upgrades the connection with GreenMail's self-signed certificate, then passes everything through
 * to GreenMail's plain SMTP port (swallowing GreenMail's greeting, which the client doesn't expect again).
 */
final class StartTlsFront implements AutoCloseable {
    private static final char[] GREENMAIL_KEYSTORE_PASSWORD = "changeit".toCharArray();

    private final ServerSocket server;
    private final int backendPort;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "starttls-front");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger handshakes = new AtomicInteger();

    StartTlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(new DummySSLServerSocketFactory().getKeyStore(), GREENMAIL_KEYSTORE_PASSWORD);
        this.tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many clients completed a TLS handshake after STARTTLS. */
    int completedHandshakes() {
        return handshakes.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 starttls-front ESMTP\r\n");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> write(out, "250-starttls-front\r\n250 STARTTLS\r\n");
                    case "STARTTLS" -> {
                        write(out, "220 2.0.0 Ready to start TLS\r\n");
                        relayOverTls(client);
                        return;
                    }
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to clean up beyond the sockets
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, null, true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        handshakes.incrementAndGet();
        try (secured; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            backend.setSoTimeout(10_000);
            readLine(backend.getInputStream());
            threads.execute(() -> copy(secured, backend));
            copy(backend, secured);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Reads one line byte by byte, so nothing after it is buffered away from the TLS handshake. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).replaceAll("\r$", "");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
