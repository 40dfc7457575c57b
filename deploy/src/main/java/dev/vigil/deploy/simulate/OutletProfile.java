package dev.vigil.deploy.simulate;

import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.Source;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A profile of a scenario file: what a kind of outlet is called and discharges, the pollutants its
 * logger measures and the logger settings it implies.
 *
 * @param name the profile's name in the file
 * @param node where it is in the file, for messages
 * @param sourceKind what a source with this outlet is monitored for
 * @param outletId the outlet's default id (DW001 wastewater, DA001 flue gas, ...)
 * @param outletName the outlet's default name
 * @param outletKind what the outlet discharges
 * @param settings logger settings of the profile
 * @param pollutants what its logger measures, in frame order
 */
record OutletProfile(
        String name,
        YamlNode node,
        Source.Kind sourceKind,
        String outletId,
        String outletName,
        Outlet.Kind outletKind,
        LoggerSettings settings,
        List<PollutantSpec> pollutants) {

    private static final int MAX_POLLUTANTS = 10;

    /** Reads the profile {@code name}. */
    static OutletProfile read(String name, YamlNode node) {
        node.allowOnly(LoggerSettings.allowedWith("source-kind", "outlet", "pollutants"));
        YamlNode outlet = node.required("outlet").allowOnly("id", "name", "kind");
        Outlet.Kind outletKind = outlet.required("kind").choice(Outlet.Kind.class);
        String outletId =
                outlet.has("id")
                        ? ScenarioFields.id(outlet.field("id"))
                        : defaultOutletId(outletKind);
        String outletName = outlet.text("name", YamlNode.spelled(outletKind) + " outlet");
        Source.Kind sourceKind =
                node.has("source-kind")
                        ? node.field("source-kind").choice(Source.Kind.class)
                        : defaultSourceKind(outletKind);
        LoggerSettings settings = LoggerSettings.of(node);
        if (settings.st() == null && outletKind == Outlet.Kind.OTHER) {
            throw node.problem("needs 'st' (system type) for outlets of kind other");
        }
        YamlNode list = node.required("pollutants");
        List<YamlNode> pollutantNodes = list.items();
        if (pollutantNodes.isEmpty() || pollutantNodes.size() > MAX_POLLUTANTS) {
            throw list.problem("must list 1 to " + MAX_POLLUTANTS + " pollutants");
        }
        List<PollutantSpec> pollutants = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (YamlNode pollutantNode : pollutantNodes) {
            PollutantSpec pollutant = pollutant(pollutantNode);
            if (!codes.add(pollutant.code())) {
                throw pollutantNode.required("code").problem("duplicate code " + pollutant.code());
            }
            pollutants.add(pollutant);
        }
        return new OutletProfile(
                name,
                node,
                sourceKind,
                outletId,
                outletName,
                outletKind,
                settings,
                List.copyOf(pollutants));
    }

    /** The system type of its loggers unless a level says otherwise. */
    String defaultSt() {
        return switch (outletKind) {
            case FLUE_GAS -> "31";
            case NOISE -> "23";
            default -> "32";
        };
    }

    private static PollutantSpec pollutant(YamlNode node) {
        node.allowOnly("code", "base", "noise", "unit", "limit", "min", "max", "decimals");
        String code = ScenarioFields.code(node.required("code"));
        double min = node.has("min") ? node.field("min").number() : 0;
        double max = node.has("max") ? node.field("max").number() : 1e7;
        if (max <= min) {
            throw node.required("max").problem("must be more than min (" + min + ")");
        }
        YamlNode baseNode = node.required("base");
        double base = baseNode.number();
        if (base < min || base > max) {
            throw baseNode.problem("must be within min..max (" + min + ".." + max + ")");
        }
        double noise = node.has("noise") ? node.field("noise").number(0) : 0;
        Double limit = node.has("limit") ? node.field("limit").number(Double.MIN_VALUE) : null;
        int decimals =
                node.has("decimals")
                        ? (int) node.field("decimals").integer(0, 6)
                        : PollutantSpec.defaultDecimals(base);
        return new PollutantSpec(
                code, base, noise, node.required("unit").text(), limit, min, max, decimals);
    }

    private static String defaultOutletId(Outlet.Kind kind) {
        return switch (kind) {
            case FLUE_GAS -> "DA001";
            case WASTEWATER -> "DW001";
            case RAINWATER -> "YS001";
            case NOISE -> "ZS001";
            case OTHER -> "OT001";
        };
    }

    private static Source.Kind defaultSourceKind(Outlet.Kind kind) {
        return switch (kind) {
            case FLUE_GAS -> Source.Kind.AIR;
            case WASTEWATER, RAINWATER -> Source.Kind.WATER;
            case NOISE -> Source.Kind.NOISE;
            case OTHER -> Source.Kind.OTHER;
        };
    }

    /** The record's own toString would print the whole YAML node. */
    @Override
    public String toString() {
        return "OutletProfile["
                + name
                + ", "
                + outletKind
                + ", "
                + pollutants.size()
                + " pollutants]";
    }
}
