package dev.vigil.deploy.simulate;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Spreads a load generator's connections round-robin over the loopback source addresses 127.0.0.2,
 * 127.0.0.3, ... so that no source address runs out of ephemeral ports (about 28,000 per address on
 * Linux) or exceeds the gateway's cap on connections per remote address.
 */
public final class LocalAddresses {

    /** The first address used: 127.0.0.1 is left to everything else on the machine. */
    private static final int FIRST = 0x7F_00_00_02;

    /** The last address used, 127.255.255.254. */
    private static final int LAST = 0x7F_FF_FF_FE;

    private final InetAddress[] addresses;

    private LocalAddresses(InetAddress[] addresses) {
        this.addresses = addresses;
    }

    /** Addresses for {@code connections} with at most {@code perAddress} on each. */
    public static LocalAddresses spread(int connections, int perAddress) {
        if (connections < 1 || perAddress < 1) {
            throw new IllegalArgumentException(
                    "connections and perAddress must be at least 1: "
                            + connections
                            + ", "
                            + perAddress);
        }
        long count = (connections + (long) perAddress - 1) / perAddress;
        if (count > (long) LAST - FIRST + 1) {
            throw new IllegalArgumentException(
                    count + " source addresses do not fit in 127.0.0.0/8");
        }
        InetAddress[] addresses = new InetAddress[(int) count];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = address(FIRST + i);
        }
        return new LocalAddresses(addresses);
    }

    /** How many source addresses are used. */
    public int count() {
        return addresses.length;
    }

    /** The source address of the {@code index}-th connection (0-based). */
    public InetAddress forConnection(int index) {
        return addresses[Math.floorMod(index, addresses.length)];
    }

    /** The range in words, e.g. {@code 127.0.0.2..127.0.0.51}. */
    public String describe() {
        String first = addresses[0].getHostAddress();
        return addresses.length == 1
                ? first
                : first + ".." + addresses[addresses.length - 1].getHostAddress();
    }

    private static InetAddress address(int bits) {
        byte[] bytes = {
            (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
        };
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }
}
