package dev.vigil.events.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The HJ 212 editions Vigil speaks, with the labels used in {@link Report#protocol()} and the
 * source registry, so that decoders and consumers name an edition the same way.
 */
public enum ProtocolVersion {
    HJ212_2005("HJ212-2005", 0),
    HJ212_2017("HJ212-2017", 1),
    HJ212_2025("HJ212-2025", 2);

    private final String label;
    private final int flagBits;

    ProtocolVersion(String label, int flagBits) {
        this.label = label;
        this.flagBits = flagBits;
    }

    /** The label written on the wire, e.g. {@code HJ212-2017}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The edition with this label, if any. */
    public static Optional<ProtocolVersion> fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    /**
     * The edition that a frame's {@code Flag} declares in its version bits V5..V0 (bits 2..7):
     * 000000 is 2005, 000001 is 2017, 000010 is 2025; empty for bits no edition uses yet.
     */
    public static Optional<ProtocolVersion> fromFlag(int flag) {
        int bits = (flag >> 2) & 0b11_1111;
        return Arrays.stream(values()).filter(v -> v.flagBits == bits).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
