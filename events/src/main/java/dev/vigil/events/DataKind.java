package dev.vigil.events;

/**
 * Which kind of monitoring value a reading, limit, rule or alert is about; permit limits and rules
 * name one because a real-time value and an hourly average are judged differently.
 */
public enum DataKind {
    /** Real-time values (HJ 212 CN 2011). */
    REALTIME,
    /** Minute interval values (CN 2051). */
    MINUTE,
    /** Hourly values (CN 2061), or hourly averages computed from real-time values. */
    HOURLY,
    /** Daily values (CN 2031). */
    DAILY
}
