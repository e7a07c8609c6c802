package dev.gatehouse.adapter.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake SMTP relay on a free local port that accepts everything except the replies it was told to give,
 * e.g. {@code 550} to {@code RCPT}; or, made {@link #silent()}, accepts connections and never says a word.
 * Counts connections so a test can see how often the mailer tried.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, String> replies;
    private final boolean silent;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });

    private ScriptedSmtpServer(Map<String, String> replies, boolean silent) throws IOException {
        this.replies = new HashMap<>(replies);
        this.silent = silent;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    /** Replies to the given commands ({@code MAIL}, {@code RCPT}, {@code AUTH}, {@code DATA} for the end of data) as told. */
    static ScriptedSmtpServer replying(Map<String, String> replies) throws IOException {
        return new ScriptedSmtpServer(replies, false);
    }

    /** Accepts connections and never answers. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(Map.of(), true);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                open.add(client);
                if (!silent) {
                    threads.execute(() -> serve(client));
                }
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
            write(out, "220 scripted ESMTP");
            String line;
            while ((line = StartTlsFront.readLine(in)) != null) {
                String[] words = line.split(" ");
                String verb = words[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> write(out, "250-scripted\r\n250 AUTH PLAIN");
                    case "HELO", "RSET", "NOOP" -> write(out, "250 2.0.0 OK");
                    case "AUTH" -> {
                        if (words.length < 3) {
                            write(out, "334 ");
                            StartTlsFront.readLine(in);
                        }
                        write(out, replies.getOrDefault("AUTH", "235 2.7.0 Authentication successful"));
                    }
                    case "MAIL", "RCPT" -> write(out, replies.getOrDefault(verb, "250 2.1.0 OK"));
                    case "DATA" -> {
                        write(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = StartTlsFront.readLine(in)) != null && !data.equals(".")) {
                            continue;
                        }
                        write(out, replies.getOrDefault("DATA", "250 2.0.0 queued"));
                    }
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> write(out, "502 5.5.2 Command not recognised");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
