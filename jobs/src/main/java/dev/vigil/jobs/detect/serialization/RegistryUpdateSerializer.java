package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link RegistryUpdate}s on their way from the registry topics to the broadcast: the kind and key,
 * then the source or the rule after a presence flag each, as their own serializers write them.
 */
public final class RegistryUpdateSerializer extends ImmutableRecordSerializer<RegistryUpdate> {

    private static final long serialVersionUID = 1L;

    public static final RegistryUpdateSerializer INSTANCE = new RegistryUpdateSerializer();

    private static final RegistryUpdate.Kind[] KINDS = RegistryUpdate.Kind.values();

    @Override
    public void serialize(RegistryUpdate u, DataOutputView out) throws IOException {
        writeEnum(u.kind(), out);
        writeString(u.key(), out);
        out.writeBoolean(u.source() != null);
        if (u.source() != null) {
            SourceSerializer.INSTANCE.serialize(u.source(), out);
        }
        out.writeBoolean(u.rule() != null);
        if (u.rule() != null) {
            ThresholdRuleSerializer.INSTANCE.serialize(u.rule(), out);
        }
    }

    @Override
    public RegistryUpdate deserialize(DataInputView in) throws IOException {
        return new RegistryUpdate(
                readEnum(KINDS, in),
                readString(in),
                in.readBoolean() ? SourceSerializer.INSTANCE.deserialize(in) : null,
                in.readBoolean() ? ThresholdRuleSerializer.INSTANCE.deserialize(in) : null);
    }

    @Override
    public TypeSerializerSnapshot<RegistryUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; updates are never kept in state, so there is one format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RegistryUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
