package dev.vigil.jobs.detect.serialization;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of an immutable record with a hand-written serializer: an opaque, non-key
 * type (the job keys by strings it extracts), so Flink never falls back to its POJO or Kryo
 * serializer for it.
 */
public final class ImmutableRecordType<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    /** Reports' readings between the per-device and the per-series operator. */
    public static final ImmutableRecordType<dev.vigil.jobs.detect.ResolvedReport> RESOLVED_REPORT =
            new ImmutableRecordType<>(
                    dev.vigil.jobs.detect.ResolvedReport.class, ResolvedReportSerializer.INSTANCE);

    /** Values on their way to the threshold rules. */
    public static final ImmutableRecordType<dev.vigil.events.rule.JudgedValue> JUDGED_VALUE =
            new ImmutableRecordType<>(
                    dev.vigil.events.rule.JudgedValue.class, JudgedValueSerializer.INSTANCE);

    /** Values on their way to the threshold rules, live readings' evidence text unwritten. */
    public static final ImmutableRecordType<dev.vigil.jobs.detect.threshold.ThresholdValue>
            THRESHOLD_VALUE =
                    new ImmutableRecordType<>(
                            dev.vigil.jobs.detect.threshold.ThresholdValue.class,
                            ThresholdValueSerializer.INSTANCE);

    /** Reports between the Kafka source and the per-device operator. */
    public static final ImmutableRecordType<dev.vigil.events.report.Report> REPORT =
            new ImmutableRecordType<>(
                    dev.vigil.events.report.Report.class, ReportSerializer.INSTANCE);

    /** Broadcast state: the registry's sources. */
    public static final ImmutableRecordType<dev.vigil.events.source.Source> SOURCE =
            new ImmutableRecordType<>(
                    dev.vigil.events.source.Source.class, SourceSerializer.INSTANCE);

    /** Broadcast state: the rules in force. */
    public static final ImmutableRecordType<dev.vigil.events.rule.ThresholdRule> THRESHOLD_RULE =
            new ImmutableRecordType<>(
                    dev.vigil.events.rule.ThresholdRule.class, ThresholdRuleSerializer.INSTANCE);

    /** Registry entries between the registry topics and the operators that keep them. */
    public static final ImmutableRecordType<dev.vigil.jobs.detect.registry.RegistryUpdate>
            REGISTRY_UPDATE =
                    new ImmutableRecordType<>(
                            dev.vigil.jobs.detect.registry.RegistryUpdate.class,
                            RegistryUpdateSerializer.INSTANCE);

    /** Keyed state and registrations on their way: where each device belongs. */
    public static final ImmutableRecordType<dev.vigil.jobs.detect.registry.DeviceRegistration>
            DEVICE_REGISTRATION =
                    new ImmutableRecordType<>(
                            dev.vigil.jobs.detect.registry.DeviceRegistration.class,
                            DeviceRegistrationSerializer.INSTANCE);

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    private ImmutableRecordType(Class<T> type, TypeSerializer<T> serializer) {
        this.type = Objects.requireNonNull(type, "type");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return "ImmutableRecordType<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ImmutableRecordType<?> other
                && other.canEqual(this)
                && type == other.type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof ImmutableRecordType;
    }
}
