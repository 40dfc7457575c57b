package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readDuration;
import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeDuration;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ThresholdRule}s (broadcast state beside the sources), field by field in declaration order
 * with their scope, levels and persistence; the rule's own constructor checks what it reads.
 * Identity copies are safe: a rule and its parts are records, its levels an unmodifiable copy.
 */
public final class ThresholdRuleSerializer extends ImmutableRecordSerializer<ThresholdRule> {

    private static final long serialVersionUID = 1L;

    public static final ThresholdRuleSerializer INSTANCE = new ThresholdRuleSerializer();

    private static final DataKind[] DATA_KINDS = DataKind.values();
    private static final ThresholdRule.Comparison[] COMPARISONS = ThresholdRule.Comparison.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final RuleLevel.Mode[] MODES = RuleLevel.Mode.values();

    @Override
    public void serialize(ThresholdRule r, DataOutputView out) throws IOException {
        writeString(r.ruleId(), out);
        out.writeLong(r.version());
        writeString(r.name(), out);
        RuleScope scope = r.scope();
        writeString(scope.sourceId(), out);
        writeString(scope.outletId(), out);
        writeString(scope.pollutantCode(), out);
        writeString(scope.group(), out);
        writeEnum(r.dataKind(), out);
        writeEnum(r.comparator(), out);
        out.writeInt(r.levels().size());
        for (RuleLevel level : r.levels()) {
            writeEnum(level.severity(), out);
            out.writeDouble(level.threshold());
            writeEnum(level.mode(), out);
        }
        out.writeInt(r.persistence().consecutiveReadings());
        writeDuration(r.persistence().duration(), out);
        out.writeDouble(r.clearRatio());
        out.writeBoolean(r.enabled());
        writeString(r.author(), out);
        writeInstant(r.updatedAt(), out);
        out.writeBoolean(r.retired());
    }

    @Override
    public ThresholdRule deserialize(DataInputView in) throws IOException {
        String ruleId = readString(in);
        long version = in.readLong();
        String name = readString(in);
        RuleScope scope =
                new RuleScope(readString(in), readString(in), readString(in), readString(in));
        DataKind dataKind = readEnum(DATA_KINDS, in);
        ThresholdRule.Comparison comparator = readEnum(COMPARISONS, in);
        int count = in.readInt();
        List<RuleLevel> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(
                    new RuleLevel(readEnum(SEVERITIES, in), in.readDouble(), readEnum(MODES, in)));
        }
        return new ThresholdRule(
                ruleId,
                version,
                name,
                scope,
                dataKind,
                comparator,
                levels,
                new Persistence(in.readInt(), readDuration(in)),
                in.readDouble(),
                in.readBoolean(),
                readString(in),
                readInstant(in),
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<ThresholdRule> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer, also in place of the POJO serializer of earlier savepoints. */
    public static final class Snapshot extends PojoSuccessorSnapshot<ThresholdRule> {
        public Snapshot() {
            super(ThresholdRule.class, () -> INSTANCE);
        }
    }
}
