package dev.vigil.jobs.kafka;

import dev.vigil.events.Json;
import dev.vigil.events.JsonException;
import java.io.Serializable;

/**
 * How the value bytes of a topic become a value: the contract's {@link Json} unless a job gives a
 * faster reader of the same JSON (see {@link ReportJsonReader}).
 */
@FunctionalInterface
public interface ValueReader<V> extends Serializable {

    /**
     * The value the JSON holds, exactly as {@link Json#fromBytes} reads it.
     *
     * @throws JsonException when {@link Json#fromBytes} would
     */
    V read(byte[] json);
}
