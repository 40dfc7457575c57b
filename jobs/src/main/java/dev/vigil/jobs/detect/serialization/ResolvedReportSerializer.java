package dev.vigil.jobs.detect.serialization;

import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.ResolvedReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link ResolvedReport}s: the number of readings, then each as {@link ReadingSerializer}. */
public final class ResolvedReportSerializer extends ImmutableRecordSerializer<ResolvedReport> {

    private static final long serialVersionUID = 1L;

    public static final ResolvedReportSerializer INSTANCE = new ResolvedReportSerializer();

    @Override
    public void serialize(ResolvedReport report, DataOutputView out) throws IOException {
        List<Reading> readings = report.readings();
        out.writeInt(readings.size());
        for (Reading reading : readings) {
            ReadingSerializer.INSTANCE.serialize(reading, out);
        }
    }

    @Override
    public ResolvedReport deserialize(DataInputView in) throws IOException {
        int size = in.readInt();
        List<Reading> readings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            readings.add(ReadingSerializer.INSTANCE.deserialize(in));
        }
        return new ResolvedReport(List.copyOf(readings));
    }

    @Override
    public TypeSerializerSnapshot<ResolvedReport> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ResolvedReport> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
