package dev.vigil.events.report;

/**
 * The HJ 212 data flag of a value ({@code xxx-Flag}), which decides whether the value counts for
 * exceedance; read it with {@link #of(String)}, which never returns {@code null}.
 */
public enum DataFlag {
    /** Normal. */
    N("normal"),
    /** Instrument stopped. */
    F("instrument stopped"),
    /** Maintenance. */
    M("maintenance"),
    /** Value set manually. */
    S("manually set"),
    /** Instrument fault. */
    D("instrument fault"),
    /** Calibrating. */
    C("calibrating"),
    /** Above the measuring range; the value still counts. */
    T("above measuring range"),
    /** Communication fault between instrument and data logger. */
    B("communication fault"),
    /** Power fault (HJ/T 212-2005). */
    P("power fault"),
    /**
     * A flag Vigil does not know, or none at all; not valid for exceedance. The raw flag stays in
     * {@link Pollutant#flag()}, so a job can still tell a missing flag from an unknown one.
     */
    UNKNOWN("unknown");

    private final String description;

    DataFlag(String description) {
        this.description = description;
    }

    /** What the flag means, in operators' words. */
    public String description() {
        return description;
    }

    /** Only normal values and values above the measuring range count for exceedance. */
    public boolean isValidForExceedance() {
        return this == N || this == T;
    }

    /**
     * The flag with this one-character code (case-sensitive, as the standard is); {@link #UNKNOWN}
     * for {@code null} and every other code.
     */
    public static DataFlag of(String code) {
        for (DataFlag flag : values()) {
            if (flag != UNKNOWN && flag.name().equals(code)) {
                return flag;
            }
        }
        return UNKNOWN;
    }
}
