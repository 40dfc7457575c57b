package dev.vigil.deploy.simulate;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.report.ProtocolVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives a generated device's MN, password and map position from the scenario's seed and the
 * device's name, so that every run simulates (and registers) the same fleet.
 */
final class DeviceIdentity {

    private static final double METERS_PER_DEGREE = 111_320;

    private DeviceIdentity() {}

    /**
     * An MN in the edition's form: 24 upper-case hex characters for 2017 and 2025, 14 characters
     * ({@code SM} and 12 digits) for 2005.
     */
    static String mn(long seed, String name, ProtocolVersion protocol) {
        byte[] hash = hash(seed, "mn", name);
        if (protocol == ProtocolVersion.HJ212_2005) {
            long digits = Math.floorMod(ByteBuffer.wrap(hash).getLong(), 1_000_000_000_000L);
            return String.format("SM%012d", digits);
        }
        return HexFormat.of().withUpperCase().formatHex(hash, 0, 12);
    }

    /** A six-digit password, as most field devices have. */
    static String password(long seed, String name) {
        int number = Math.floorMod(ByteBuffer.wrap(hash(seed, "pw", name)).getInt(), 1_000_000);
        return String.format("%06d", number);
    }

    /** A point spread evenly over the disc of {@code radiusMeters} around {@code center}. */
    static GeoPoint location(long seed, String name, GeoPoint center, double radiusMeters) {
        ByteBuffer bits = ByteBuffer.wrap(hash(seed, "at", name));
        double u = (bits.getLong() >>> 11) * 0x1.0p-53;
        double v = (bits.getLong() >>> 11) * 0x1.0p-53;
        double distance = radiusMeters * Math.sqrt(u);
        double angle = 2 * Math.PI * v;
        double north = distance * Math.cos(angle);
        double east = distance * Math.sin(angle);
        double lat = center.lat() + north / METERS_PER_DEGREE;
        double lon =
                center.lon() + east / (METERS_PER_DEGREE * Math.cos(Math.toRadians(center.lat())));
        return new GeoPoint(
                Math.max(-90, Math.min(90, round(lat))), Math.max(-180, Math.min(180, round(lon))));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static byte[] hash(long seed, String purpose, String name) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((seed + "/" + purpose + "/" + name).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
