package dev.vigil.jobs.detect;

import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractBroadcastStreamOperatorTestHarness;

/**
 * Counts keyed state entries of a broadcast harness, which (unlike the keyed one- and two-input
 * harnesses) has no {@code numKeyedStateEntries()}; the same heap-backend count they use.
 */
public final class KeyedStateCount {

    private KeyedStateCount() {}

    public static int of(AbstractBroadcastStreamOperatorTestHarness<?, ?, ?> harness) {
        KeyedStateBackend<?> backend =
                ((AbstractStreamOperator<?>) harness.getTwoInputOperator()).getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }
}
