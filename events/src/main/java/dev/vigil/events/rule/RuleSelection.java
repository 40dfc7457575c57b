package dev.vigil.events.rule;

import dev.vigil.events.DataKind;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.util.List;

/** Which rules judge a subject, and the permit limit their percent-of-limit levels refer to. */
public final class RuleSelection {

    private RuleSelection() {}

    /**
     * Whether an active rule watches this source (in its groups), outlet and pollutant; {@code
     * source} may be {@code null} while the registry does not know it, then only rules naming the
     * source itself apply.
     */
    public static boolean covers(
            ThresholdRule rule, Source source, String sourceId, String outletId, String pollutant) {
        List<String> groups = source == null ? List.of() : source.groups();
        return rule.enabled()
                && !rule.retired()
                && rule.scope().covers(sourceId, groups, outletId, pollutant);
    }

    /** Whether the rule judges values of this kind at this subject. */
    public static boolean judges(
            ThresholdRule rule,
            Source source,
            String sourceId,
            String outletId,
            String pollutant,
            DataKind kind) {
        return rule.dataKind() == kind && covers(rule, source, sourceId, outletId, pollutant);
    }

    /**
     * The permit limit for a pollutant at an outlet: the one for the rule's kind of value, else the
     * hourly one (permits usually set only that, and real-time warnings are percentages of it),
     * else any; an outlet-less device takes the source's limit for the pollutant at any outlet.
     * {@code null} when the permit sets none.
     */
    public static Double permitLimit(
            Source source, String outletId, String pollutant, DataKind kind) {
        if (source == null) {
            return null;
        }
        // One pass instead of three streams: this runs for every value and every rule.
        PermitLimit hourly = null;
        PermitLimit any = null;
        for (PermitLimit l : source.permitLimits()) {
            if (!matches(l, outletId, pollutant)) {
                continue;
            }
            if (l.dataKind() == kind) {
                return l.limit();
            }
            if (hourly == null && l.dataKind() == DataKind.HOURLY) {
                hourly = l;
            }
            if (any == null) {
                any = l;
            }
        }
        PermitLimit limit = hourly != null ? hourly : any;
        return limit == null ? null : limit.limit();
    }

    private static boolean matches(PermitLimit limit, String outletId, String pollutant) {
        return limit.pollutantCode().equals(pollutant)
                && (outletId == null || limit.outletId().equals(outletId));
    }
}
