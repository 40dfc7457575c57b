package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sources, devices, rules, reports and readings for detection tests, at named instants. */
public final class Fixtures {

    /** The start of the first hour of the test timeline. */
    public static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    public static final String SOURCE = "src-paper";
    public static final String OUTLET = "WS-01";
    public static final String MN = "MN0000000000001";
    public static final String COD = "w01018";
    public static final String GROUP = "key-water";
    public static final Duration INTERVAL = Duration.ofMinutes(5);

    private Fixtures() {}

    /** A water source with one outlet, one device and a COD limit of 100 mg/L (hourly). */
    public static Source source(String sourceId, String mn, Duration interval, long version) {
        return new Source(
                sourceId,
                "Riverside Paper " + sourceId,
                "Riverside Paper Co.",
                Source.Kind.WATER,
                new Place("1 River Road", new GeoPoint(31.20, 121.40), "Riverside", "East"),
                List.of(GROUP),
                List.of(new Outlet(OUTLET, "main outfall", Outlet.Kind.WASTEWATER)),
                List.of(
                        new Device(
                                mn,
                                OUTLET,
                                ProtocolVersion.HJ212_2017,
                                Device.hashPassword(mn, "123456"),
                                interval,
                                Duration.ofMinutes(10))),
                List.of(),
                List.of(new PermitLimit(OUTLET, COD, 100.0, "mg/L", DataKind.HOURLY)),
                List.of(),
                false,
                version,
                T0.minus(Duration.ofDays(1)).plusSeconds(version));
    }

    public static Source source() {
        return source(SOURCE, MN, INTERVAL, 1);
    }

    /** The registration of the fixture device. */
    public static DeviceRegistration registration() {
        return DeviceRegistration.of(source(), source().devices().get(0));
    }

    /**
     * A rule on COD of the group with levels WARNING at 80, ALARM at 100 and SEVERE at 150 % of the
     * limit, two consecutive values, clearing at 90 % of a level.
     */
    public static ThresholdRule realtimeRule(long version) {
        return rule(
                "r-cod-realtime",
                version,
                DataKind.REALTIME,
                2,
                pct(Severity.WARNING, 80),
                pct(Severity.ALARM, 100),
                pct(Severity.SEVERE, 150));
    }

    /** A level in percent of the permit limit. */
    public static RuleLevel pct(Severity severity, double percent) {
        return new RuleLevel(severity, percent, RuleLevel.Mode.PERCENT_OF_LIMIT);
    }

    /** A rule on COD of the group, clearing at 90 % of a level. */
    public static ThresholdRule rule(
            String ruleId, long version, DataKind kind, int consecutive, RuleLevel... levels) {
        return new ThresholdRule(
                ruleId,
                version,
                "COD " + kind.name().toLowerCase(java.util.Locale.ROOT),
                new RuleScope(null, null, COD, GROUP),
                kind,
                ThresholdRule.Comparison.ABOVE,
                List.of(levels),
                new Persistence(consecutive, null),
                0.9,
                true,
                "staff",
                T0.minus(Duration.ofDays(1)).plusSeconds(version),
                false);
    }

    /** A report of one COD value with a flag, received {@code delay} after its DataTime. */
    public static Report report(
            String mn, String cn, Instant dataTime, Duration delay, double value, String flag) {
        Pollutant pollutant =
                "2011".equals(cn)
                        ? new Pollutant(
                                COD, value, null, null, null, null, null, null, null, null, flag,
                                null, null, null)
                        : new Pollutant(
                                COD, null, value, value, value, null, null, null, null, null, flag,
                                null, null, null);
        return new Report(
                mn,
                "HJ212-2017",
                cn,
                "32",
                null,
                5,
                dataTime,
                dataTime.plus(delay),
                List.of(pollutant),
                Map.of(),
                null,
                null,
                List.of(),
                Report.digest(
                        (mn + cn + dataTime + value + flag).getBytes(StandardCharsets.UTF_8)));
    }

    /** A live real-time reading of the fixture device, {@code minutes} after T0. */
    public static Reading reading(double minutes, double value, String flag) {
        return reading(T0.plusSeconds(Math.round(minutes * 60)), value, flag, false);
    }

    public static Reading reading(Instant dataTime, double value, String flag, boolean backlog) {
        return new Reading(
                MN,
                SOURCE,
                OUTLET,
                COD,
                DataKind.REALTIME,
                value,
                flag,
                dataTime,
                dataTime.plusSeconds(2),
                Report.digest((dataTime.toString() + value).getBytes(StandardCharsets.UTF_8)),
                backlog,
                INTERVAL.toMillis(),
                true);
    }

    /** One report's readings, as the per-device operator hands them on. */
    public static ResolvedReport resolved(Reading... readings) {
        return new ResolvedReport(List.of(readings));
    }

    /** The series key of a report of one series, for harnesses keyed by series. */
    public static String seriesKey(ResolvedReport report) {
        return report.readings().get(0).seriesKey();
    }

    /** The same reading from a device that measures flue gas instead of wastewater. */
    public static Reading fromFlueGas(Reading r) {
        return new Reading(
                r.mn(),
                r.sourceId(),
                r.outletId(),
                r.pollutantCode(),
                r.kind(),
                r.value(),
                r.flag(),
                r.dataTime(),
                r.receivedAt(),
                r.ref(),
                r.backlog(),
                r.realtimeIntervalMillis(),
                false);
    }

    /** A detection configuration with test-sized times. */
    public static DetectionConfig config() {
        return new DetectionConfig(
                2.0,
                5,
                0.75,
                Duration.ofMinutes(5),
                0.10,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofHours(6),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                0.5,
                Duration.ofMinutes(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                5);
    }
}
