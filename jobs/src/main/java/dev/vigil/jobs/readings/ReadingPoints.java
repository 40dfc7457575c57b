package dev.vigil.jobs.readings;

import dev.vigil.events.report.DataFlag;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.influx.LineProtocol;
import dev.vigil.jobs.influx.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a report into InfluxDB points of measurement {@value #MEASUREMENT}, one per pollutant that
 * carries a value, placed at the report's {@code DataTime}.
 *
 * <p>Tags: {@code source} and {@code outlet} (the {@link SourceOutlet} the registry binds the
 * device to; no {@code outlet} for a device bound to the whole source), {@code registered=false}
 * only for a device the registry does not know (its MN is then source and outlet), {@code mn},
 * {@code pollutant} (code as sent), {@code kind} ({@code realtime} for CN 2011, {@code minute}
 * 2051, {@code hourly} 2061, {@code daily} 2031, {@code equipment} for every other CN) and {@code
 * flag} (the data flag as sent, {@code N} when absent). Fields: each numeric sub-field the frame
 * had ({@code rtd}, {@code min}, {@code avg}, {@code max}, {@code zs_rtd}, {@code zs_min}, {@code
 * zs_avg}, {@code zs_max}, {@code cou}, and the equipment run state {@code rs} and run time {@code
 * rt}) and {@code valid} (flag {@code N} or {@code T}). A reading sent again is the same point, so
 * rewriting it is harmless.
 *
 * <p>Reports without pollutants (heartbeats, notifications, restart times) give no points and are
 * not counted; pollutants without any value (2005 alarm records) give none either.
 */
public final class ReadingPoints {

    public static final String MEASUREMENT = "reading";
    public static final String EQUIPMENT_KIND = "equipment";
    static final String ABSENT_FLAG = DataFlag.N.name();

    private ReadingPoints() {}

    /** The points of one resolved report and, for what gave none, why. */
    public static Conversion convert(ResolvedReport resolved) {
        return convert(resolved.report(), resolved.where());
    }

    /** The points of one report of a device at {@code where} and, for what gave none, why. */
    public static Conversion convert(Report report, SourceOutlet where) {
        Objects.requireNonNull(where, "where");
        if (report.pollutants().isEmpty()) {
            return Conversion.NOTHING;
        }
        if (report.dataTime() == null) {
            return Conversion.skipped(SkipReason.NO_DATA_TIME);
        }
        long time = report.dataTime().toEpochMilli();
        if (!LineProtocol.isWritableTime(time)) {
            return Conversion.skipped(SkipReason.TIME_OUT_OF_RANGE);
        }
        if (!LineProtocol.isWritableName(report.mn())
                || !LineProtocol.isWritableName(where.sourceId())
                || (where.outletId() != null && !LineProtocol.isWritableName(where.outletId()))) {
            return Conversion.skipped(SkipReason.UNWRITABLE_TAG);
        }
        String kind = kind(report);
        List<Point> points = new ArrayList<>(report.pollutants().size());
        List<SkipReason> skipped = new ArrayList<>(0);
        for (Pollutant pollutant : report.pollutants()) {
            Point.Builder point = values(pollutant);
            if (!point.hasFields()) {
                continue;
            }
            String flag = flag(pollutant);
            if (!LineProtocol.isWritableName(pollutant.code())
                    || !LineProtocol.isWritableName(flag)) {
                skipped.add(SkipReason.UNWRITABLE_TAG);
                continue;
            }
            point.tag("source", where.sourceId());
            if (where.outletId() != null) {
                point.tag("outlet", where.outletId());
            }
            if (!where.registered()) {
                point.tag("registered", "false");
            }
            points.add(
                    point.tag("mn", report.mn())
                            .tag("pollutant", pollutant.code())
                            .tag("kind", kind)
                            .tag("flag", flag)
                            .field("valid", DataFlag.of(flag).isValidForExceedance())
                            .at(time));
        }
        return new Conversion(points, skipped);
    }

    /** The {@code kind} tag of a report's readings. */
    static String kind(Report report) {
        return report.dataKind()
                .map(kind -> kind.name().toLowerCase(Locale.ROOT))
                .orElse(EQUIPMENT_KIND);
    }

    /** The data flag as sent; a reading without one counts as normal, as HJ 212 platforms do. */
    public static String flag(Pollutant pollutant) {
        String flag = pollutant.flag();
        return flag == null || flag.isBlank() ? ABSENT_FLAG : flag;
    }

    private static Point.Builder values(Pollutant p) {
        return Point.builder(MEASUREMENT)
                .field("rtd", p.rtd())
                .field("min", p.min())
                .field("avg", p.avg())
                .field("max", p.max())
                .field("zs_rtd", p.zsRtd())
                .field("zs_min", p.zsMin())
                .field("zs_avg", p.zsAvg())
                .field("zs_max", p.zsMax())
                .field("cou", p.cou())
                .field("rs", number(p.extra().get("RS")))
                .field("rt", number(p.extra().get("RT")));
    }

    /** A finite number, or {@code null} for text that is none. */
    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The points a report gave, and one skip reason per report or pollutant that gave none it
     * should have.
     *
     * @param points points in pollutant order
     * @param skipped reasons, empty when everything that carried a value became a point
     */
    public record Conversion(List<Point> points, List<SkipReason> skipped) {

        static final Conversion NOTHING = new Conversion(List.of(), List.of());

        public Conversion {
            points = List.copyOf(points);
            skipped = List.copyOf(skipped);
        }

        static Conversion skipped(SkipReason reason) {
            return new Conversion(List.of(), List.of(reason));
        }
    }
}
