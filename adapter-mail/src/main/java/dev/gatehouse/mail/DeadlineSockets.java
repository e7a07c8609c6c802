package dev.gatehouse.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * The sockets of one email's sends. Jakarta Mail gets them from here (a plain socket; TLS is layered on top),
 * so when the email's deadline passes {@link #expire()} closes them and whatever read or write was waiting on
 * the relay fails at once, however slowly the relay had been trickling bytes.
 */
final class DeadlineSockets extends SocketFactory {
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean expired;

    /** Closes every socket handed out, and any handed out later. */
    void expire() {
        expired = true;
        sockets.forEach(DeadlineSockets::closeQuietly);
    }

    boolean expired() {
        return expired;
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return track(new Socket(address, port, localAddress, localPort));
    }

    private Socket track(Socket socket) throws IOException {
        sockets.add(socket);
        if (expired) {
            socket.close();
            throw new IOException("the email's deadline has passed");
        }
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
