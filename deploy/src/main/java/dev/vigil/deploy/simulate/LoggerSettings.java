package dev.vigil.deploy.simulate;

import dev.vigil.events.report.ProtocolVersion;
import java.time.Duration;
import java.util.List;

/**
 * The logger settings one level of a scenario file gives (defaults, profile, group, source,
 * outlet), null where that level says nothing; the most specific level wins field by field.
 */
record LoggerSettings(
        ProtocolVersion protocol,
        String password,
        String st,
        Duration realtimeInterval,
        Duration minuteInterval,
        Boolean hourly) {

    /** The fields that may appear at every level. */
    static final List<String> FIELDS =
            List.of("protocol", "password", "st", "realtime-interval", "minute-interval", "hourly");

    /** A level that says nothing. */
    static final LoggerSettings NONE = new LoggerSettings(null, null, null, null, null, null);

    /** The settings a map gives; other fields of the map are left to its reader. */
    static LoggerSettings of(YamlNode node) {
        return new LoggerSettings(
                node.has("protocol") ? ScenarioFields.protocol(node.field("protocol")) : null,
                node.has("password") ? ScenarioFields.password(node.field("password")) : null,
                node.has("st") ? ScenarioFields.st(node.field("st")) : null,
                node.has("realtime-interval")
                        ? ScenarioFields.realtimeInterval(node.field("realtime-interval"))
                        : null,
                node.has("minute-interval")
                        ? ScenarioFields.minuteInterval(node.field("minute-interval"))
                        : null,
                node.has("hourly") ? node.field("hourly").bool() : null);
    }

    /** These settings where given, {@code lower}'s elsewhere. */
    LoggerSettings over(LoggerSettings lower) {
        return new LoggerSettings(
                protocol != null ? protocol : lower.protocol,
                password != null ? password : lower.password,
                st != null ? st : lower.st,
                realtimeInterval != null ? realtimeInterval : lower.realtimeInterval,
                minuteInterval != null ? minuteInterval : lower.minuteInterval,
                hourly != null ? hourly : lower.hourly);
    }

    /** The names allowed in a map with these settings and {@code others}. */
    static String[] allowedWith(String... others) {
        List<String> names = new java.util.ArrayList<>(List.of(others));
        names.addAll(FIELDS);
        return names.toArray(String[]::new);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LoggerSettings[" + protocol + ", st=" + st + ", " + realtimeInterval + "]";
    }
}
