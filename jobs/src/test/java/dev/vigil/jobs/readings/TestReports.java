package dev.vigil.jobs.readings;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports and pollutant values for tests, at named instants. */
final class TestReports {

    /**
     * 2016-08-01 08:58:57 China Standard Time, the sampling time of the standard's 2011 example.
     */
    static final Instant SAMPLED = Instant.parse("2016-08-01T00:58:57Z");

    /** 2016-08-01 08:00 China Standard Time, the hour of the standard's 2061 example. */
    static final Instant HOUR = Instant.parse("2016-08-01T00:00:00Z");

    static final Instant RECEIVED = Instant.parse("2016-08-01T00:59:00Z");

    static final String MN = "010000A8900016F000169DC0";

    private TestReports() {}

    static Report report(String mn, String cn, Instant dataTime, Pollutant... pollutants) {
        return new Report(
                mn,
                "HJ212-2017",
                cn,
                "32",
                null,
                5,
                dataTime,
                RECEIVED,
                List.of(pollutants),
                Map.of(),
                null,
                null,
                List.of(),
                Report.digest((mn + cn + dataTime).getBytes(StandardCharsets.UTF_8)));
    }

    /** A real-time value with its flag ({@code null} for none). */
    static Pollutant rtd(String code, double value, String flag) {
        return new Pollutant(
                code, value, null, null, null, null, null, null, null, null, flag, null, null,
                null);
    }

    /** An interval value: minimum, average, maximum, cumulative, with flag N. */
    static Pollutant interval(String code, double min, double avg, double max, Double cou) {
        return new Pollutant(
                code, null, min, avg, max, null, null, null, null, cou, "N", null, null, null);
    }

    /**
     * A pollutant entry with only verbatim sub-fields, such as {@code SB1-RS} or {@code B01-Ala}.
     */
    static Pollutant extra(String code, Map<String, String> extra) {
        return new Pollutant(
                code, null, null, null, null, null, null, null, null, null, null, null, null,
                extra);
    }
}
