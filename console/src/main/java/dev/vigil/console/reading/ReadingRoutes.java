package dev.vigil.console.reading;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.incident.IncidentAccess;
import dev.vigil.console.influx.InfluxQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/readings}: a source's stored readings from InfluxDB, raw for ranges up to six
 * hours, else averaged into buckets of a round size so each series has at most about 720 points.
 */
public final class ReadingRoutes {

    /** Ranges longer than this are averaged into buckets. */
    static final Duration RAW_LIMIT = Duration.ofHours(6);

    /** The most buckets a series gets. */
    static final int MAX_POINTS = 720;

    private static final long[] BUCKET_SECONDS = {
        60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800
    };
    private static final Set<String> KINDS = Set.of("realtime", "minute", "hourly", "daily");

    private final InfluxQuery influx;
    private final Guard guard;
    private final IncidentAccess access;
    private final Clock clock;

    public ReadingRoutes(InfluxQuery influx, Guard guard, IncidentAccess access, Clock clock) {
        this.influx = influx;
        this.guard = guard;
        this.access = access;
        this.clock = clock;
    }

    /** Adds the route. */
    public void register(Javalin app) {
        app.get("/api/readings", this::readings);
    }

    /** The bucket for a range: the smallest round size giving at most {@link #MAX_POINTS}. */
    static Duration bucket(Duration range) {
        long needed = (range.toSeconds() + MAX_POINTS - 1) / MAX_POINTS;
        for (long seconds : BUCKET_SECONDS) {
            if (seconds >= needed) {
                return Duration.ofSeconds(seconds);
            }
        }
        return Duration.ofDays((needed + 86399) / 86400);
    }

    /** The InfluxQL form of a bucket, e.g. {@code 5m}, {@code 2h}, {@code 1d}. */
    static String influxDuration(Duration d) {
        long s = d.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private void readings(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        String sourceId = ctx.queryParam("sourceId");
        if (sourceId == null || sourceId.isBlank()) {
            throw ApiError.invalid("sourceId", "required");
        }
        access.checkSource(user, sourceId);
        String kind = ctx.queryParam("kind") == null ? "realtime" : ctx.queryParam("kind");
        if (!KINDS.contains(kind)) {
            throw ApiError.invalid("kind", "one of realtime, minute, hourly, daily");
        }
        Instant to = Bodies.instantParam(ctx, "to", clock.instant());
        Instant from = Bodies.instantParam(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw ApiError.invalid("from", "must be before to");
        }
        String field = kind.equals("realtime") ? "rtd" : "avg";
        StringBuilder where =
                new StringBuilder(" FROM \"reading\" WHERE \"source\" = ")
                        .append(InfluxQuery.quote(sourceId))
                        .append(" AND \"kind\" = ")
                        .append(InfluxQuery.quote(kind));
        String outletId = ctx.queryParam("outletId");
        if (outletId != null && !outletId.isBlank()) {
            where.append(" AND \"outlet\" = ").append(InfluxQuery.quote(outletId));
        }
        String pollutant = ctx.queryParam("pollutant");
        if (pollutant != null && !pollutant.isBlank()) {
            where.append(" AND \"pollutant\" = ").append(InfluxQuery.quote(pollutant));
        }
        where.append(" AND time >= ")
                .append(from.toEpochMilli())
                .append("ms AND time < ")
                .append(to.toEpochMilli())
                .append("ms");
        Duration range = Duration.between(from, to);
        String interval = null;
        String q;
        if (range.compareTo(RAW_LIMIT) <= 0) {
            q = "SELECT \"" + field + "\"" + where + " GROUP BY \"pollutant\", \"outlet\"";
        } else {
            interval = influxDuration(bucket(range));
            q =
                    "SELECT mean(\""
                            + field
                            + "\")"
                            + where
                            + " GROUP BY time("
                            + interval
                            + "), \"pollutant\", \"outlet\" fill(none)";
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (InfluxQuery.Series s : influx.query(q)) {
            List<List<Object>> points = new ArrayList<>();
            for (List<Object> row : s.rows()) {
                if (row.get(0) instanceof Double t && row.get(1) instanceof Double v) {
                    points.add(List.of(Instant.ofEpochMilli(t.longValue()), v));
                }
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pollutant", s.tags().get("pollutant"));
            String outlet = s.tags().get("outlet");
            one.put("outletId", outlet == null || outlet.isEmpty() ? null : outlet);
            one.put("points", points);
            series.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("interval", interval);
        answer.put("series", series);
        ctx.json(answer);
    }
}
