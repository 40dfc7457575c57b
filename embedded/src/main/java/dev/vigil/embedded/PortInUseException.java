package dev.vigil.embedded;

/** Thrown when an embedded service cannot listen because its fixed port is already taken. */
public final class PortInUseException extends IllegalStateException {

    private final int port;

    PortInUseException(int port, String purpose, Throwable cause) {
        super(
                "port "
                        + port
                        + " ("
                        + purpose
                        + ") on "
                        + LoopbackPorts.HOST
                        + " is already in use: stop whatever listens there or choose another"
                        + " port",
                cause);
        this.port = port;
    }

    /** The port that was taken. */
    public int port() {
        return port;
    }
}
