package dev.vigil.jobs.detect.registry;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Registry entries that fail validation go to the dead-letter topic and nowhere else. */
class RegistryValidationTest {

    @Test
    void validEntriesAndTombstonesPassInvalidOnesAreDeadLettered() throws Exception {
        ThresholdRule r = Fixtures.realtimeRule(3);
        ThresholdRule broken =
                new ThresholdRule(
                        r.ruleId(),
                        3,
                        r.name(),
                        r.scope(),
                        r.dataKind(),
                        r.comparator(),
                        List.of(),
                        r.persistence(),
                        1.5,
                        true,
                        r.author(),
                        r.updatedAt(),
                        false);
        RegistryUpdate valid = RegistryUpdate.rule(r.ruleId(), r);
        RegistryUpdate tombstone = RegistryUpdate.source("gone", null);
        RegistryUpdate invalid = RegistryUpdate.rule(r.ruleId(), broken);
        RegistryUpdate misfiled = RegistryUpdate.source("other-id", Fixtures.source());

        OneInputStreamOperatorTestHarness<RegistryUpdate, RegistryUpdate> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new RegistryValidation());
        harness.setProcessingTime(T0.toEpochMilli());
        for (RegistryUpdate u : List.of(valid, tombstone, invalid, misfiled)) {
            harness.processElement(u, 0);
        }

        assertThat(harness.extractOutputValues()).containsExactly(valid, tombstone);
        List<DeadLetter> rejected =
                harness.getSideOutput(DetectionState.DEAD_LETTERS).stream()
                        .map(record -> record.getValue())
                        .toList();
        assertThat(rejected).hasSize(2);
        DeadLetter rule = rejected.get(0);
        assertThat(rule.origin()).isEqualTo(Topics.RULES.name());
        assertThat(rule.reason()).contains("version 3", "levels: at least one level", "clearRatio");
        assertThat(rule.field()).isEqualTo("levels");
        assertThat(rule.receivedAt()).isEqualTo(T0);
        assertThat(Json.fromBytes(rule.raw(), ThresholdRule.class)).isEqualTo(broken);
        assertThat(rejected.get(1).reason()).contains("differs from the id");
    }
}
