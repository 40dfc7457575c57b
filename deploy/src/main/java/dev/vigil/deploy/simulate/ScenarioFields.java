package dev.vigil.deploy.simulate;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.report.ProtocolVersion;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value types of the scenario format (ids, map points, editions, passwords, system types,
 * intervals), each read from a {@link YamlNode} with the check the HJ 212 wire format needs.
 */
final class ScenarioFields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern MN = Pattern.compile("[A-Za-z0-9]{1,24}");
    private static final Pattern PASSWORD = Pattern.compile("[!-~&&[^;,=&#]]{1,6}");
    private static final Pattern ST = Pattern.compile("\\d{2}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]{1,16}");
    private static final Duration HOUR = Duration.ofHours(1);

    private ScenarioFields() {}

    /** A source or outlet id. */
    static String id(YamlNode node) {
        String id = node.text();
        if (!ID.matcher(id).matches()) {
            throw node.problem(
                    "expected letters, digits, '-', '_' or '.' (at most 64), got '" + id + "'");
        }
        return id;
    }

    /** A device number as sent in {@code MN}. */
    static String mn(YamlNode node) {
        String mn = node.text();
        if (!MN.matcher(mn).matches()) {
            throw node.problem("expected 1 to 24 letters and digits, got '" + mn + "'");
        }
        return mn;
    }

    /** A pollutant code as sent, e.g. {@code w01018} or {@code 011}. */
    static String code(YamlNode node) {
        String code = node.text();
        if (!CODE.matcher(code).matches()) {
            throw node.problem(
                    "expected an HJ 212 code such as w01018 or 011 (letters, digits), got '"
                            + code
                            + "'");
        }
        return code;
    }

    /** A point {@code {lat, lon}} in WGS 84 degrees. */
    static GeoPoint point(YamlNode node) {
        node.allowOnly("lat", "lon");
        YamlNode lat = node.required("lat");
        YamlNode lon = node.required("lon");
        if (lat.number() < -90 || lat.number() > 90) {
            throw lat.problem("must be within -90..90");
        }
        if (lon.number() < -180 || lon.number() > 180) {
            throw lon.problem("must be within -180..180");
        }
        return new GeoPoint(lat.number(), lon.number());
    }

    /** An edition label: HJ212-2005, HJ212-2017 or HJ212-2025. */
    static ProtocolVersion protocol(YamlNode node) {
        return ProtocolVersion.fromLabel(node.text().toUpperCase(Locale.ROOT))
                .orElseThrow(
                        () ->
                                node.problem(
                                        "expected HJ212-2005, HJ212-2017 or HJ212-2025, got '"
                                                + node.text()
                                                + "'"));
    }

    /** A password as HJ 212's {@code PW} carries it. */
    static String password(YamlNode node) {
        String password = node.text();
        if (!PASSWORD.matcher(password).matches()) {
            throw node.problem(
                    "expected 1 to 6 printable characters without ; , = & # (HJ 212's PW)");
        }
        return password;
    }

    /** A system type ({@code ST}). */
    static String st(YamlNode node) {
        if (!ST.matcher(node.text()).matches()) {
            throw node.problem("expected two digits such as 31 or 32, got '" + node.text() + "'");
        }
        return node.text();
    }

    /** A real-time interval: whole seconds, at least one. */
    static Duration realtimeInterval(YamlNode node) {
        Duration interval = node.positiveDuration();
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toMillis() % 1_000 != 0) {
            throw node.problem("must be whole seconds, at least 1s (DataTime counts seconds)");
        }
        return interval;
    }

    /** A minute-data interval: whole minutes dividing an hour. */
    static Duration minuteInterval(YamlNode node) {
        Duration interval = node.positiveDuration();
        if (interval.compareTo(Duration.ofMinutes(1)) < 0
                || interval.toMillis() % 60_000 != 0
                || HOUR.toMillis() % interval.toMillis() != 0) {
            throw node.problem(
                    "must be whole minutes that divide an hour (1m, 5m, 10m, 15m, 30m, 1h), got "
                            + node.text());
        }
        return interval;
    }
}
