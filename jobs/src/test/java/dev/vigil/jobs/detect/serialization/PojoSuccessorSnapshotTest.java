package dev.vigil.jobs.detect.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The registry serializers' snapshots take over state of the POJO serializer of the same class, and
 * nothing else they cannot read.
 */
class PojoSuccessorSnapshotTest {

    @Test
    void aPojoSnapshotOfTheSameClassIsCompatibleAfterMigration() {
        assertThat(new SourceSerializer.Snapshot().resolveSchemaCompatibility(pojo(Source.class)))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
        assertThat(
                        new ThresholdRuleSerializer.Snapshot()
                                .resolveSchemaCompatibility(pojo(ThresholdRule.class)))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
    }

    @Test
    void itsOwnSnapshotIsCompatibleAsIs() {
        assertThat(
                        new SourceSerializer.Snapshot()
                                .resolveSchemaCompatibility(
                                        SourceSerializer.INSTANCE.snapshotConfiguration()))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAsIs);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aPojoSnapshotOfAnotherClassOrAKryoSnapshotIsIncompatible() {
        TypeSerializerSnapshot otherClass = pojo(ThresholdRule.class);
        TypeSerializerSnapshot<Source> kryo =
                new GenericTypeInfo<>(Source.class)
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();

        assertThat(new SourceSerializer.Snapshot().resolveSchemaCompatibility(otherClass))
                .matches(TypeSerializerSchemaCompatibility::isIncompatible);
        assertThat(new SourceSerializer.Snapshot().resolveSchemaCompatibility(kryo))
                .matches(TypeSerializerSchemaCompatibility::isIncompatible);
    }

    private static <T> TypeSerializerSnapshot<T> pojo(Class<T> type) {
        return TypeInformation.of(type)
                .createSerializer(new SerializerConfigImpl())
                .snapshotConfiguration();
    }
}
