package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks TCP ports on 127.0.0.1, where every embedded service listens. */
public final class LoopbackPorts {

    /** The address all embedded services bind to. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {}

    /**
     * Returns {@code port} if it is free, or a free ephemeral port when {@code port} is 0.
     *
     * <p>Risk: an ephemeral port is only known to be free at the moment of the check; another
     * process may take it before the service binds. This is accepted for laptops and tests.
     *
     * @throws PortInUseException if a fixed port is already taken
     */
    public static int resolve(int port, String purpose) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(purpose + " port out of range: " + port);
        }
        if (port == 0) {
            return freePort();
        }
        requireFree(port, purpose);
        return port;
    }

    /** Returns a port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /**
     * Fails with a message naming the port when something already listens on it.
     *
     * @throws PortInUseException if the port is taken
     */
    public static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR, as the servers themselves bind: on Linux it still refuses a port that
            // something listens on, but accepts one whose old connections linger in TIME_WAIT
            // (without it, a restart right after a stop is refused).
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
            throw new PortInUseException(port, purpose, e);
        }
    }
}
