package dev.gatehouse.persistence.testing;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/**
 * What a thread says to PostgreSQL, read off the wire: a JDBC socket factory ({@code socketFactory=} of the
 * PostgreSQL driver's URL) whose sockets count, for the thread being {@linkplain #watch() watched}, the statements
 * executed (Execute and simple Query messages), the round trips (each time the client, having written, waits to read)
 * and the text of each statement parsed (all of them with {@code prepareThreshold=0}). Other threads' traffic on the
 * same server (pool housekeeping, listeners) is not counted. Load-independent: the counts are the same on a busy machine.
 */
public final class WireCounter extends SocketFactory {
    private static final ThreadLocal<Tally> WATCHED = new ThreadLocal<>();

    /** The counts of one watched stretch of a thread's work. */
    public static final class Tally {
        private int statements;
        private int roundTrips;
        private final List<String> parsed = new ArrayList<>();

        public int statements() {
            return statements;
        }

        public int roundTrips() {
            return roundTrips;
        }

        /** The SQL of each statement parsed, in order. */
        public List<String> parsed() {
            return List.copyOf(parsed);
        }

        @Override
        public String toString() {
            return statements + " statements in " + roundTrips + " round trips";
        }
    }

    /** Starts counting what this thread sends; returns the tally, filled until {@link #stop()}. */
    public static Tally watch() {
        Tally tally = new Tally();
        WATCHED.set(tally);
        return tally;
    }

    public static void stop() {
        WATCHED.remove();
    }

    /** The URL parameters that route a PostgreSQL JDBC connection through this factory. */
    public static String urlParameters() {
        return "socketFactory=" + WireCounter.class.getName() + "&prepareThreshold=0&sslmode=disable&gssEncMode=disable";
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    /** A socket that parses the frontend messages it sends and notes when a write is followed by a read. */
    private static final class CountingSocket extends Socket {
        private final FrontendParser parser = new FrontendParser();
        private volatile boolean wroteSinceRead;
        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        beforeRead();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        beforeRead();
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        parser.accept(new byte[] {(byte) b}, 0, 1);
                        wroteSinceRead = true;
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        parser.accept(b, off, len);
                        wroteSinceRead = true;
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }

        private void beforeRead() {
            if (wroteSinceRead) {
                wroteSinceRead = false;
                Tally tally = WATCHED.get();
                if (tally != null) {
                    tally.roundTrips++;
                }
            }
        }
    }

    /** Splits the client's byte stream into PostgreSQL frontend messages (after the untyped start-up ones). */
    private static final class FrontendParser {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;
        private boolean typed;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        synchronized void accept(byte[] bytes, int off, int len) {
            pending.write(bytes, off, len);
            byte[] buffer = pending.toByteArray();
            int at = 0;
            while (true) {
                int header = typed ? 5 : 8;
                if (buffer.length - at < header) {
                    break;
                }
                int length = typed ? readInt(buffer, at + 1) + 1 : readInt(buffer, at);
                if (buffer.length - at < length) {
                    break;
                }
                if (typed) {
                    message((char) buffer[at], buffer, at + 5, at + length);
                } else {
                    int code = readInt(buffer, at + 4);
                    typed = code != SSL_REQUEST && code != GSS_REQUEST;
                }
                at += length;
            }
            pending.reset();
            pending.write(buffer, at, buffer.length - at);
        }

        private static void message(char type, byte[] buffer, int from, int to) {
            Tally tally = WATCHED.get();
            if (tally == null) {
                return;
            }
            if (type == 'E' || type == 'Q') {
                tally.statements++;
            }
            if (type == 'P') {
                int nameEnd = indexOfZero(buffer, from, to);
                int queryEnd = indexOfZero(buffer, nameEnd + 1, to);
                tally.parsed.add(new String(buffer, nameEnd + 1, queryEnd - nameEnd - 1, StandardCharsets.UTF_8).strip());
            }
            if (type == 'Q') {
                tally.parsed.add(new String(buffer, from, indexOfZero(buffer, from, to) - from, StandardCharsets.UTF_8).strip());
            }
        }

        private static int indexOfZero(byte[] buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                if (buffer[i] == 0) {
                    return i;
                }
            }
            return to;
        }

        private static int readInt(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }
    }
}
