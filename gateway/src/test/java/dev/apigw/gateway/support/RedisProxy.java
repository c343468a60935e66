package dev.apigw.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to the test Redis that a test can cut and restore, so that an outage is simulated
 * without stopping the Redis server other test runs share. Cut: the listening socket and every relayed
 * connection close; restore: it listens again on the same port.
 */
public final class RedisProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    public RedisProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and closes the ones relayed so far. */
    public synchronized void cut() {
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        if (!server.isClosed()) {
            return;
        }
        server = listen(port);
        accept(server);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            Socket target = new Socket(targetHost, targetPort);
                            open.add(client);
                            open.add(target);
                            pipe(client, target);
                            pipe(target, client);
                        } catch (IOException e) {
                            return; // closed by cut()
                        }
                    }
                },
                "redis-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread relay = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) != -1) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "redis-proxy-relay");
        relay.setDaemon(true);
        relay.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
