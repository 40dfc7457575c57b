package dev.vigil.jobs.detect.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.detect.Fixtures;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Per-source device bookkeeping, with its state cleared when the source goes. */
class DeviceDirectoryFunctionTest {

    @Test
    void registersOnceAndRemovesOnATombstone() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RegistryUpdate, DeviceRegistration> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DeviceDirectoryFunction(), RegistryUpdate::key, Types.STRING);
        harness.setProcessingTime(0);
        RegistryUpdate source = RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source());

        harness.processElement(source, 0);
        harness.processElement(source, 0); // replayed: nothing new
        harness.processElement(RegistryUpdate.rule("r", Fixtures.realtimeRule(1)), 0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processElement(RegistryUpdate.source(Fixtures.SOURCE, null), 0);
        assertThat(harness.extractOutputValues())
                .extracting(DeviceRegistration::active)
                .containsExactly(true, false);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
