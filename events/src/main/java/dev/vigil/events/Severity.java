package dev.vigil.events;

/**
 * How serious something is, shared by rules, alerts and incidents so that a rule level, the alert
 * it fires and the incident it joins speak one scale; declared from least to most serious.
 */
public enum Severity {
    INFO,
    WARNING,
    ALARM,
    SEVERE;

    /** Whether this is at least as serious as the other. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
