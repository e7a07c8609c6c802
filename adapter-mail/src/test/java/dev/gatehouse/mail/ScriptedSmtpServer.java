package dev.gatehouse.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * e.g. {@code 550} to {@code RCPT}; or, made {@link #silent()}, accepts connections and never says a word; or
 * {@link #trickling} its greeting a byte at a time; or {@link #silentAfterData()}. Counts connections and
 * {@code DATA} commands so a test can see how often the mailer tried and resent.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private enum Behaviour { SCRIPTED, SILENT, TRICKLING, SILENT_AFTER_DATA }

    private final ServerSocket server;
    private final Map<String, String> replies;
    private final Behaviour behaviour;
    private final long trickleMillis;
    private final int trickledConnections;
    private final int forwardPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });

    private ScriptedSmtpServer(Map<String, String> replies, Behaviour behaviour) throws IOException {
        this(replies, behaviour, 0, Integer.MAX_VALUE, -1);
    }

    private ScriptedSmtpServer(Map<String, String> replies, Behaviour behaviour, long trickleMillis, int trickledConnections,
                               int forwardPort) throws IOException {
        this.replies = new HashMap<>(replies);
        this.behaviour = behaviour;
        this.trickleMillis = trickleMillis;
        this.trickledConnections = trickledConnections;
        this.forwardPort = forwardPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptAll);
    }

    /** Replies to the given commands ({@code MAIL}, {@code RCPT}, {@code AUTH}, {@code DATA} for the end of data) as told. */
    static ScriptedSmtpServer replying(Map<String, String> replies) throws IOException {
        return new ScriptedSmtpServer(replies, Behaviour.SCRIPTED);
    }

    /** Accepts connections and never answers. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(Map.of(), Behaviour.SILENT);
    }

    /** Accepts connections and sends its greeting one byte every {@code every}, never finishing it. */
    static ScriptedSmtpServer trickling(Duration every) throws IOException {
        return new ScriptedSmtpServer(Map.of(), Behaviour.TRICKLING, every.toMillis(), Integer.MAX_VALUE, -1);
    }

    /**
     * Trickles like {@link #trickling} on its first {@code connections} connections, then passes later ones through
     * to a healthy relay on {@code healthyPort}: the bad relay is gone.
     */
    static ScriptedSmtpServer tricklingThenForwarding(Duration every, int connections, int healthyPort) throws IOException {
        return new ScriptedSmtpServer(Map.of(), Behaviour.TRICKLING, every.toMillis(), connections, healthyPort);
    }

    /** Accepts the message data, then never gives its final answer. */
    static ScriptedSmtpServer silentAfterData() throws IOException {
        return new ScriptedSmtpServer(Map.of(), Behaviour.SILENT_AFTER_DATA);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** How many {@code DATA} commands clients sent, i.e. how often a message was (re)sent. */
    int dataCommands() {
        return dataCommands.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                int number = connections.incrementAndGet();
                open.add(client);
                if (behaviour == Behaviour.TRICKLING && number <= trickledConnections) {
                    threads.execute(() -> trickle(client));
                } else if (behaviour == Behaviour.TRICKLING) {
                    threads.execute(() -> forward(client));
                } else if (behaviour != Behaviour.SILENT) {
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
                        dataCommands.incrementAndGet();
                        write(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = StartTlsFront.readLine(in)) != null && !data.equals(".")) {
                            continue;
                        }
                        if (behaviour == Behaviour.SILENT_AFTER_DATA) {
                            StartTlsFront.readLine(in);
                            return;
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

    /** A byte of "220 slow ESMTP ..." every so often, for at most a minute, so a test can't hang on it. */
    private void trickle(Socket client) {
        byte[] greeting = "220 slow".getBytes(StandardCharsets.US_ASCII);
        long until = System.nanoTime() + 60_000_000_000L;
        try (client) {
            OutputStream out = client.getOutputStream();
            for (int i = 0; System.nanoTime() < until; i++) {
                out.write(i < greeting.length ? greeting[i] : 'w');
                out.flush();
                Thread.sleep(trickleMillis);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, as it should
        }
    }

    private void forward(Socket client) {
        try (client; Socket healthy = new Socket(InetAddress.getLoopbackAddress(), forwardPort)) {
            threads.execute(() -> pump(healthy, client));
            pump(client, healthy);
        } catch (IOException e) {
            // either side went away
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // either side went away
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
