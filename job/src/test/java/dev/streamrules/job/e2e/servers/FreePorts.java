package dev.streamrules.job.e2e.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for the servers the tests start. The kernel may hand the same ephemeral port to two
 * probes in a row (the first probe's socket is closed by then), and a broker given one port for two
 * listeners refuses to start; so a port is handed out at most once per JVM.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    /** A port free on 127.0.0.1 right now that no earlier call in this JVM has returned. */
    public static synchronized int next() {
        while (true) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
