package dev.vigil.console.kpi;

import dev.vigil.console.state.ConsoleState.AlertHistory;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-time figures of agencies and the data figures of sources over a period, computed from the
 * incident history and the alerts (plus reading counts from InfluxDB); plain Java.
 *
 * <ul>
 *   <li>An agency's dispatch counts in the period it was dispatched in. It acknowledged on time
 *       when it acknowledged before any SLA breach for acknowledging it, and gave feedback on time
 *       when it reported back before any SLA breach of its dispatch. Rates are over dispatches.
 *   <li>A source's exceedance hours are the hours its hourly-exceedance alerts were firing, its
 *       offline minutes the minutes its offline alerts were, both within the period; completeness
 *       is the real-time values received over those its devices' intervals call for.
 * </ul>
 */
public final class Kpis {

    /** One agency's row. */
    public record AgencyRow(
            String agencyId,
            int dispatches,
            int acknowledged,
            int acknowledgedOnTime,
            Double ackOnTimeRate,
            int feedback,
            int feedbackOnTime,
            Double feedbackOnTimeRate,
            int slaBreaches) {}

    /** One source's row. */
    public record SourceRow(
            String sourceId,
            String name,
            long exceedanceHours,
            Double completeness,
            long offlineMinutes) {}

    private static final Pattern BREACH =
            Pattern.compile("agency (\\S+) did not (acknowledge|report back)");

    private Kpis() {}

    /** Every agency's row over {@code [from, to)}, by agency id. */
    public static List<AgencyRow> agencies(
            Map<String, List<IncidentEvent>> timelines, Instant from, Instant to) {
        Map<String, int[]> counts = new TreeMap<>();
        for (List<IncidentEvent> timeline : timelines.values()) {
            Map<String, Instant> dispatchedAt = new HashMap<>();
            Map<String, Instant> ackAt = new HashMap<>();
            Map<String, Instant> feedbackAt = new HashMap<>();
            Map<String, Instant> ackBreachAt = new HashMap<>();
            Map<String, Instant> anyBreachAt = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (IncidentEvent e : timeline) {
                String actorAgency = e.actor() == null ? null : e.actor().agencyId();
                switch (e.type()) {
                    case DISPATCHED -> {
                        for (String agency : e.agencyIds()) {
                            if (seen.add(agency)) {
                                dispatchedAt.put(agency, e.at());
                            }
                        }
                    }
                    case AGENCY_ACKNOWLEDGED -> {
                        if (actorAgency != null) {
                            ackAt.putIfAbsent(actorAgency, e.at());
                        }
                    }
                    case FEEDBACK -> {
                        if (actorAgency != null) {
                            feedbackAt.putIfAbsent(actorAgency, e.at());
                        }
                    }
                    case SLA_BREACHED -> {
                        Matcher m = BREACH.matcher(e.detail() == null ? "" : e.detail());
                        if (m.find()) {
                            String agency = m.group(1);
                            anyBreachAt.putIfAbsent(agency, e.at());
                            if (m.group(2).equals("acknowledge")) {
                                ackBreachAt.putIfAbsent(agency, e.at());
                            }
                            if (within(e.at(), from, to)) {
                                counts.computeIfAbsent(agency, k -> new int[6])[5]++;
                            }
                        }
                    }
                    default -> {}
                }
            }
            for (Map.Entry<String, Instant> d : dispatchedAt.entrySet()) {
                if (!within(d.getValue(), from, to)) {
                    continue;
                }
                String agency = d.getKey();
                int[] c = counts.computeIfAbsent(agency, k -> new int[6]);
                c[0]++;
                Instant ack = ackAt.get(agency);
                if (ack != null) {
                    c[1]++;
                    if (before(ack, ackBreachAt.get(agency))) {
                        c[2]++;
                    }
                }
                Instant feedback = feedbackAt.get(agency);
                if (feedback != null) {
                    c[3]++;
                    if (before(feedback, anyBreachAt.get(agency))) {
                        c[4]++;
                    }
                }
            }
        }
        List<AgencyRow> rows = new ArrayList<>();
        counts.forEach(
                (agency, c) ->
                        rows.add(
                                new AgencyRow(
                                        agency,
                                        c[0],
                                        c[1],
                                        c[2],
                                        rate(c[2], c[0]),
                                        c[3],
                                        c[4],
                                        rate(c[4], c[0]),
                                        c[5])));
        return rows;
    }

    /**
     * Every source's row over {@code [from, to)}.
     *
     * @param received real-time values received per source and device MN (the most of any
     *     pollutant); null when InfluxDB could not say
     */
    public static List<SourceRow> sources(
            List<Source> sources,
            List<AlertHistory> alerts,
            Map<String, Map<String, Long>> received,
            Instant from,
            Instant to) {
        Map<String, Long> exceedance = new HashMap<>();
        Map<String, Long> offline = new HashMap<>();
        for (AlertHistory h : alerts) {
            Alert a = h.latest();
            if (h.firstFiringAt() == null) {
                continue;
            }
            Instant end = h.resolvedAt() == null ? to : h.resolvedAt();
            Duration overlap = overlap(h.firstFiringAt(), end, from, to);
            if (a.type() == Alert.Type.HOURLY_EXCEEDANCE) {
                long hours = (overlap.toMinutes() + 59) / 60;
                exceedance.merge(a.sourceId(), hours, Long::sum);
            } else if (a.type() == Alert.Type.OFFLINE) {
                offline.merge(a.sourceId(), overlap.toMinutes(), Long::sum);
            }
        }
        Duration period = Duration.between(from, to);
        List<SourceRow> rows = new ArrayList<>();
        for (Source s : sources) {
            Double completeness = null;
            if (received != null && !s.devices().isEmpty()) {
                long expected = 0;
                long got = 0;
                Map<String, Long> byMn = received.getOrDefault(s.sourceId(), Map.of());
                for (Device d : s.devices()) {
                    long due = period.toMillis() / Math.max(1, d.realtimeInterval().toMillis());
                    expected += due;
                    got += Math.min(due, byMn.getOrDefault(d.mn(), 0L));
                }
                completeness = expected == 0 ? null : (double) got / expected;
            }
            rows.add(
                    new SourceRow(
                            s.sourceId(),
                            s.name(),
                            exceedance.getOrDefault(s.sourceId(), 0L),
                            completeness,
                            offline.getOrDefault(s.sourceId(), 0L)));
        }
        return rows;
    }

    private static Duration overlap(Instant start, Instant end, Instant from, Instant to) {
        Instant a = start.isAfter(from) ? start : from;
        Instant b = end.isBefore(to) ? end : to;
        return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static boolean before(Instant t, Instant breach) {
        return breach == null || t.isBefore(breach);
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
