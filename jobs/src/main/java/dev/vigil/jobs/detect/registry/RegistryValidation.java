package dev.vigil.jobs.detect.registry;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.jobs.detect.DetectionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets only valid registry entries through and sends the others, with every problem found, to the
 * dead-letter topic; a broken rule is never applied and the version before it stays in force.
 *
 * <p>Runs before the broadcast, so that each broken entry is dead-lettered once, not once per
 * parallel instance.
 */
public final class RegistryValidation extends ProcessFunction<RegistryUpdate, RegistryUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(RegistryUpdate update, Context ctx, Collector<RegistryUpdate> out) {
        List<String> problems = problems(update);
        if (problems.isEmpty()) {
            out.collect(update);
        } else {
            Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
            ctx.output(DetectionState.DEAD_LETTERS, deadLetter(update, problems, now));
        }
    }

    /** Everything wrong with an update; empty for a valid one and for a tombstone. */
    public static List<String> problems(RegistryUpdate update) {
        if (update.tombstone()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String id = update.isSource() ? update.source().sourceId() : update.rule().ruleId();
        if (!id.equals(update.key())) {
            problems.add("key: \"" + update.key() + "\" differs from the id \"" + id + "\"");
        }
        problems.addAll(update.isSource() ? update.source().validate() : update.rule().validate());
        return List.copyOf(problems);
    }

    /** The dead letter of a rejected entry, with its JSON as the raw bytes. */
    public static DeadLetter deadLetter(RegistryUpdate update, List<String> problems, Instant at) {
        boolean source = update.isSource();
        String what = source ? "source" : "rule";
        long version = source ? update.source().version() : update.rule().version();
        String first = problems.get(0);
        int colon = first.indexOf(':');
        return new DeadLetter(
                source ? Topics.SOURCES.name() : Topics.RULES.name(),
                what
                        + " \""
                        + update.key()
                        + "\" version "
                        + version
                        + " is invalid and was not applied: "
                        + String.join("; ", problems),
                colon > 0 ? first.substring(0, colon) : null,
                Json.toBytes(source ? update.source() : update.rule()),
                null,
                at,
                Map.of("key", update.key(), "version", Long.toString(version)));
    }
}
