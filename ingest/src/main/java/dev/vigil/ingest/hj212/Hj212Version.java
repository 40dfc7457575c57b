package dev.vigil.ingest.hj212;

/** The editions of the HJ 212 standard, identified on the wire by the Flag version bits V5..V0. */
public enum Hj212Version {
    /** HJ/T 212-2005: version bits 000000; devices often omit QN and Flag. */
    HJ212_2005("HJ212-2005"),
    /** HJ 212-2017: version bits 000001 (Flag 4..7). */
    HJ212_2017("HJ212-2017"),
    /** HJ 212-2025: version bits 000010 (Flag 8..11). */
    HJ212_2025("HJ212-2025");

    private final String label;

    Hj212Version(String label) {
        this.label = label;
    }

    /** Returns the name used in events and JSON, e.g. {@code HJ212-2017}. */
    public String label() {
        return label;
    }

    /**
     * Returns the Flag value with these version bits and the given A (answer) and D (split) bits.
     */
    public int flag(boolean answerRequired, boolean split) {
        return ordinal() << 2 | (split ? 2 : 0) | (answerRequired ? 1 : 0);
    }

    /** Returns the edition named by a Flag's version bits, or null when the bits name none. */
    public static Hj212Version fromFlag(int flag) {
        int bits = flag >>> 2;
        Hj212Version[] all = values();
        return bits < all.length ? all[bits] : null;
    }
}
