package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * Collects the parts of an {@link Alert}, so detectors name what they set instead of 19 positions.
 */
public final class AlertBuilder {

    private final String alertId;
    private final Alert.Type type;
    private final Alert.State state;
    private Severity severity = Severity.WARNING;
    private String sourceId;
    private String outletId;
    private String pollutantCode;
    private String deviceMn;
    private Double value;
    private Double limit;
    private String ruleId;
    private Long ruleVersion;
    private DataKind dataKind;
    private List<Evidence> evidence = List.of();
    private Instant eventTime;
    private Instant detectedAt;
    private boolean revised;
    private boolean suppressed;
    private String message;

    private AlertBuilder(String alertId, Alert.Type type, Alert.State state) {
        this.alertId = alertId;
        this.type = type;
        this.state = state;
    }

    /** Starts an alert with its id, type and state. */
    public static AlertBuilder alert(String alertId, Alert.Type type, Alert.State state) {
        return new AlertBuilder(alertId, type, state);
    }

    public AlertBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    /** The source, outlet, pollutant and device it concerns; all but the source nullable. */
    public AlertBuilder about(String sourceId, String outletId, String pollutantCode, String mn) {
        this.sourceId = sourceId;
        this.outletId = outletId;
        this.pollutantCode = pollutantCode;
        this.deviceMn = mn;
        return this;
    }

    /** The value judged and the threshold or limit it was judged against. */
    public AlertBuilder value(Double value, Double limit) {
        this.value = value;
        this.limit = limit;
        return this;
    }

    public AlertBuilder rule(String ruleId, long ruleVersion, DataKind dataKind) {
        this.ruleId = ruleId;
        this.ruleVersion = ruleVersion;
        this.dataKind = dataKind;
        return this;
    }

    public AlertBuilder dataKind(DataKind dataKind) {
        this.dataKind = dataKind;
        return this;
    }

    public AlertBuilder evidence(List<Evidence> evidence) {
        this.evidence = evidence;
        return this;
    }

    /** When the cause happened and when detection saw it. */
    public AlertBuilder at(Instant eventTime, Instant detectedAt) {
        this.eventTime = eventTime;
        this.detectedAt = detectedAt;
        return this;
    }

    public AlertBuilder revised(boolean revised) {
        this.revised = revised;
        return this;
    }

    public AlertBuilder suppressed(boolean suppressed) {
        this.suppressed = suppressed;
        return this;
    }

    public AlertBuilder message(String message) {
        this.message = message;
        return this;
    }

    public Alert build() {
        return new Alert(
                alertId,
                type,
                severity,
                state,
                sourceId,
                outletId,
                pollutantCode,
                deviceMn,
                value,
                limit,
                ruleId,
                ruleVersion,
                dataKind,
                evidence,
                eventTime,
                detectedAt,
                revised,
                suppressed,
                message);
    }
}
