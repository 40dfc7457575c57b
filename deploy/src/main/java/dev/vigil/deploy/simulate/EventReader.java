package dev.vigil.deploy.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code events} of a scenario file against its sources, so that an event naming a
 * source, outlet or pollutant the scenario does not have is reported at its line.
 */
final class EventReader {

    private static final Set<String> FLAGS = Set.of("N", "F", "M", "S", "D", "C", "T", "B", "P");

    private final List<ScenarioSource> sources;

    EventReader(List<ScenarioSource> sources) {
        this.sources = sources;
    }

    /** Reads one event. */
    ScenarioEvent read(YamlNode node) {
        ScenarioEvent.Type type = node.required("type").choice(ScenarioEvent.Type.class);
        List<String> allowed = new ArrayList<>(List.of("type", "at", "source", "outlet"));
        allowed.addAll(
                switch (type) {
                    case EXCEEDANCE, FLATLINE -> List.of("pollutant", "value", "duration");
                    case FLAG -> List.of("pollutant", "flag", "duration");
                    case OFFLINE -> List.of("duration");
                    case GARBAGE, BAD_CRC -> List.of("count");
                });
        node.allowOnly(allowed.toArray(String[]::new));
        Duration at = node.required("at").duration();
        YamlNode sourceNode = node.required("source");
        ScenarioSource source =
                sources.stream()
                        .filter(s -> s.id().equals(sourceNode.text()))
                        .findFirst()
                        .orElseThrow(
                                () -> sourceNode.problem("no source '" + sourceNode.text() + "'"));
        String outletId = null;
        List<DeviceSpec> targets = source.devices();
        if (node.has("outlet")) {
            YamlNode outletNode = node.field("outlet");
            String wanted = outletNode.text();
            targets = targets.stream().filter(d -> d.outletId().equals(wanted)).toList();
            if (targets.isEmpty()) {
                throw outletNode.problem(
                        "source " + source.id() + " has no outlet '" + wanted + "'");
            }
            outletId = wanted;
        }
        String pollutant = null;
        PollutantSpec spec = null;
        if (node.has("pollutant")) {
            pollutant = node.field("pollutant").text();
            spec = pollutantOf(node.field("pollutant"), source, targets);
        } else if (type == ScenarioEvent.Type.EXCEEDANCE || type == ScenarioEvent.Type.FLATLINE) {
            node.required("pollutant");
        }
        Double value = null;
        if (node.has("value")) {
            YamlNode valueNode = node.field("value");
            value = valueNode.number();
            if (value < spec.min() || value > spec.max()) {
                throw valueNode.problem(
                        "must be within the range of "
                                + pollutant
                                + " ("
                                + spec.min()
                                + ".."
                                + spec.max()
                                + ")");
            }
        } else if (type == ScenarioEvent.Type.EXCEEDANCE) {
            node.required("value");
        }
        String flag = null;
        if (type == ScenarioEvent.Type.FLAG) {
            YamlNode flagNode = node.required("flag");
            flag = flagNode.text();
            if (!FLAGS.contains(flag)) {
                throw flagNode.problem(
                        "expected a data flag (N, F, M, S, D, C, T, B or P), got '" + flag + "'");
            }
        }
        Duration duration = Duration.ZERO;
        int count = 0;
        if (type == ScenarioEvent.Type.GARBAGE || type == ScenarioEvent.Type.BAD_CRC) {
            count = node.has("count") ? (int) node.field("count").integer(1, 10_000) : 1;
        } else {
            duration = node.required("duration").positiveDuration();
        }
        return new ScenarioEvent(
                type, at, duration, source.id(), outletId, pollutant, value, flag, count);
    }

    private static PollutantSpec pollutantOf(
            YamlNode node, ScenarioSource source, List<DeviceSpec> targets) {
        Map<String, PollutantSpec> known = new HashMap<>();
        for (DeviceSpec device : targets) {
            for (PollutantSpec pollutant : device.pollutants()) {
                known.putIfAbsent(pollutant.code(), pollutant);
            }
        }
        PollutantSpec spec = known.get(node.text());
        if (spec == null) {
            throw node.problem(
                    "source "
                            + source.id()
                            + " has no pollutant '"
                            + node.text()
                            + "' (it measures "
                            + String.join(", ", known.keySet().stream().sorted().toList())
                            + ")");
        }
        return spec;
    }
}
