package dev.blogdb.testing;

import dev.blogdb.server.JdbcUrl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of the test database that can make it unreachable for a moment: {@link #cut()}
 * drops every open connection and refuses new ones, as a restarted or unplugged server would;
 * {@link #restore()} lets connections through again. Works whatever server the tests run against.
 */
public final class OutageProxy implements AutoCloseable {

    private final JdbcUrl target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private final AtomicReference<AtCommit> atNextCommit = new AtomicReference<>();

    /** Where {@link #cutAtNextCommit} cuts the connection that sends the next COMMIT. */
    public enum AtCommit {
        /** The COMMIT reaches the server, then the connection drops before the answer: it lands. */
        AFTER_DELIVERING,
        /** The connection drops before the COMMIT reaches the server: the server rolls back. */
        BEFORE_DELIVERING,
        /**
         * The COMMIT never reaches the server and the client's side drops, but the server's side stays
         * open without a word, as across a network partition: the server still sees the transaction
         * in progress, idle.
         */
        SWALLOWED_SILENTLY,
        /** As {@link #BEFORE_DELIVERING}, and then the whole proxy is {@link #cut()}: no one can ask. */
        BEFORE_DELIVERING_THEN_OUTAGE
    }

    /** A proxy to the server that {@code jdbcUrl} names; {@link #jdbcUrl()} goes through it. */
    public OutageProxy(String jdbcUrl) throws IOException {
        target = JdbcUrl.parse(jdbcUrl);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        acceptInBackground(server);
    }

    /** The database's JDBC URL, through the proxy. */
    public String jdbcUrl() {
        return target.withAddress("127.0.0.1", port).value();
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /**
     * Cuts the connection that sends the next COMMIT, exactly there, as {@code where} says: the
     * client sees its connection die during the commit, whether or not the commit took place.
     */
    public void cutAtNextCommit(AtCommit where) {
        atNextCommit.set(where);
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() throws IOException {
        ServerSocket reopened = new ServerSocket();
        reopened.setReuseAddress(true);
        reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = reopened;
        acceptInBackground(reopened);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void acceptInBackground(ServerSocket listening) {
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            Socket upstream = new Socket(target.host(), target.port());
                            if (!admit(listening, client, upstream)) {
                                continue;
                            }
                            pump(client, upstream, true);
                            pump(upstream, client, false);
                        } catch (IOException e) {
                            // closed by cut(), or the target refused: the client sees a dropped connection
                        }
                    }
                },
                "outage-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Lets a connection through, unless {@link #cut()} came while it was being made: then it is
     * dropped, as a connection made a moment before an outage would be. (Without this a pool
     * filling itself in the background kept one connection across the outage.)
     */
    private synchronized boolean admit(ServerSocket listening, Socket client, Socket upstream) {
        if (listening.isClosed()) {
            closeQuietly(client);
            closeQuietly(upstream);
            return false;
        }
        sockets.add(client);
        sockets.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        Thread pump = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    boolean keepUpstream = false;
                    // The streams are not closed here: closing one closes its socket, and the upstream
                    // socket must outlive this pump after a delivered COMMIT.
                    try {
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        for (int read; (read = in.read(buffer)) != -1; ) {
                            AtCommit where =
                                    toServer && containsCommit(buffer, read) ? atNextCommit.getAndSet(null) : null;
                            if (where == AtCommit.AFTER_DELIVERING) {
                                // Nothing reaches the client any more, first: otherwise the other
                                // pump could forward the server's answer before this one closes.
                                from.shutdownOutput();
                                out.write(buffer, 0, read);
                                out.flush();
                                // The server reads the COMMIT, then the end of the stream: it commits,
                                // and its answer finds the client gone (the other pump closes both).
                                to.shutdownOutput();
                                keepUpstream = true;
                                return;
                            }
                            if (where == AtCommit.SWALLOWED_SILENTLY) {
                                keepUpstream = true;
                                return;
                            }
                            if (where == AtCommit.BEFORE_DELIVERING_THEN_OUTAGE) {
                                cut();
                                return;
                            }
                            if (where == AtCommit.BEFORE_DELIVERING) {
                                return;
                            }
                            out.write(buffer, 0, read);
                        }
                    } catch (IOException e) {
                        // one side went away: close the other below
                    } finally {
                        closeQuietly(from);
                        if (!keepUpstream) {
                            closeQuietly(to);
                        }
                    }
                },
                "outage-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Whether the client's bytes carry a COMMIT (pgjdbc sends it as the query text "COMMIT"). */
    private static boolean containsCommit(byte[] buffer, int length) {
        byte[] commit = "COMMIT".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int start = 0; start + commit.length <= length; start++) {
            for (int i = 0; i < commit.length; i++) {
                if (buffer[start + i] != commit[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
