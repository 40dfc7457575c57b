package dev.vigil.jobs.detect.serialization;

import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * The snapshot of a serializer that took over state Flink's POJO serializer wrote, so that a job
 * restored from a savepoint of an earlier jar (README) can read it: a POJO snapshot of the same
 * class is compatible after migration. The state backend then reads the old state with the POJO
 * serializer that snapshot restores, and writes it with this one from the next checkpoint on (the
 * operator state backend reads broadcast state whole at restore, so this costs nothing more).
 */
abstract class PojoSuccessorSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {

    private final Class<T> type;

    PojoSuccessorSnapshot(Class<T> type, Supplier<? extends TypeSerializer<T>> serializer) {
        super(serializer);
        this.type = type;
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof PojoSerializerSnapshot)) {
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
        // The POJO serializer's own check tells whether the old snapshot is of this class and
        // could still read it (PojoSerializerSnapshot keeps its class to itself).
        TypeSerializerSnapshot<T> pojo =
                TypeInformation.of(type)
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();
        return pojo.resolveSchemaCompatibility(oldSnapshot).isIncompatible()
                ? TypeSerializerSchemaCompatibility.incompatible()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
