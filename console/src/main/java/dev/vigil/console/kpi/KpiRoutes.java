package dev.vigil.console.kpi;

import dev.vigil.console.api.ApiError;
import dev.vigil.console.api.Bodies;
import dev.vigil.console.auth.Guard;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.influx.InfluxQuery;
import dev.vigil.console.state.ConsoleState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/kpis}: agencies' on-time rates and sources' data figures over a period. */
public final class KpiRoutes {

    private final ConsoleState state;
    private final InfluxQuery influx;
    private final Guard guard;
    private final Clock clock;

    public KpiRoutes(ConsoleState state, InfluxQuery influx, Guard guard, Clock clock) {
        this.state = state;
        this.influx = influx;
        this.guard = guard;
        this.clock = clock;
    }

    /** Adds the route. */
    public void register(Javalin app) {
        app.get("/api/kpis", this::kpis);
    }

    private void kpis(Context ctx) {
        SignedInUser user = guard.require(ctx, Guard.ANYONE);
        Instant to = Bodies.instantParam(ctx, "to", clock.instant());
        Instant from = Bodies.instantParam(ctx, "from", to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to)) {
            throw ApiError.invalid("from", "must be before to");
        }
        List<Kpis.AgencyRow> agencies = Kpis.agencies(state.timelines(), from, to);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (user.staff()) {
            answer.put("agencies", agencies);
            answer.put(
                    "sources",
                    Kpis.sources(
                            state.sources().stream().filter(s -> !s.retired()).toList(),
                            state.alertHistories(),
                            received(from, to),
                            from,
                            to));
        } else {
            answer.put(
                    "agencies",
                    agencies.stream().filter(a -> a.agencyId().equals(user.agencyId())).toList());
            answer.put("sources", List.of());
        }
        ctx.json(answer);
    }

    /** Real-time values per source and MN (the most of any pollutant); null when unknown. */
    private Map<String, Map<String, Long>> received(Instant from, Instant to) {
        try {
            Map<String, Map<String, Long>> out = new HashMap<>();
            for (InfluxQuery.Series s :
                    influx.query(
                            "SELECT count(\"rtd\") FROM \"reading\" WHERE \"kind\" = 'realtime'"
                                    + " AND time >= "
                                    + from.toEpochMilli()
                                    + "ms AND time < "
                                    + to.toEpochMilli()
                                    + "ms GROUP BY \"source\", \"mn\", \"pollutant\"")) {
                if (s.rows().isEmpty() || !(s.rows().get(0).get(1) instanceof Double n)) {
                    continue;
                }
                out.computeIfAbsent(s.tags().get("source"), k -> new HashMap<>())
                        .merge(s.tags().get("mn"), n.longValue(), Math::max);
            }
            return out;
        } catch (ApiError e) {
            return null;
        }
    }
}
