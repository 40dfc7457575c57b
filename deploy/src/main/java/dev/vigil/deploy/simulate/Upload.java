package dev.vigil.deploy.simulate;

import java.time.Instant;
import java.util.Objects;

/**
 * One record a data logger uploads, kept without its header so that a backlog record gets a fresh
 * QN when it is finally sent but keeps its original DataTime.
 *
 * @param cn command code: {@code 2011} real-time, {@code 2051} minute, {@code 2061} hourly
 * @param dataTime the record's DataTime: sampling instant, or start of the interval
 * @param cp the CP content without the surrounding {@code &&}
 */
record Upload(String cn, Instant dataTime, String cp) {

    /** Real-time data. */
    static final String REALTIME = "2011";

    /** Minute data. */
    static final String MINUTE = "2051";

    /** Hourly data. */
    static final String HOURLY = "2061";

    Upload {
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(dataTime, "dataTime");
        Objects.requireNonNull(cp, "cp");
    }
}
