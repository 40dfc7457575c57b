package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInteger;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeDouble;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInteger;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link Report}s with their pollutants, field by field in declaration order; the report's own
 * constructor checks what it reads, as it checks what Jackson reads.
 */
public final class ReportSerializer extends ImmutableRecordSerializer<Report> {

    private static final long serialVersionUID = 1L;

    public static final ReportSerializer INSTANCE = new ReportSerializer();

    @Override
    public void serialize(Report r, DataOutputView out) throws IOException {
        writeString(r.mn(), out);
        writeString(r.protocol(), out);
        writeString(r.cn(), out);
        writeString(r.st(), out);
        writeString(r.qn(), out);
        writeInteger(r.flag(), out);
        writeInstant(r.dataTime(), out);
        writeInstant(r.receivedAt(), out);
        out.writeInt(r.pollutants().size());
        for (Pollutant p : r.pollutants()) {
            writePollutant(p, out);
        }
        writeMap(r.fields(), out);
        writeInteger(r.packetCount(), out);
        writeInteger(r.packetNumber(), out);
        out.writeInt(r.warnings().size());
        for (String warning : r.warnings()) {
            writeString(warning, out);
        }
        writeString(r.rawDigest(), out);
    }

    @Override
    public Report deserialize(DataInputView in) throws IOException {
        String mn = readString(in);
        String protocol = readString(in);
        String cn = readString(in);
        String st = readString(in);
        String qn = readString(in);
        Integer flag = readInteger(in);
        var dataTime = readInstant(in);
        var receivedAt = readInstant(in);
        int count = in.readInt();
        List<Pollutant> pollutants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pollutants.add(readPollutant(in));
        }
        Map<String, String> fields = readMap(in);
        Integer packetCount = readInteger(in);
        Integer packetNumber = readInteger(in);
        int warningCount = in.readInt();
        List<String> warnings = new ArrayList<>(warningCount);
        for (int i = 0; i < warningCount; i++) {
            warnings.add(readString(in));
        }
        return new Report(
                mn,
                protocol,
                cn,
                st,
                qn,
                flag,
                dataTime,
                receivedAt,
                pollutants,
                fields,
                packetCount,
                packetNumber,
                warnings,
                readString(in));
    }

    private static void writePollutant(Pollutant p, DataOutputView out) throws IOException {
        writeString(p.code(), out);
        writeDouble(p.rtd(), out);
        writeDouble(p.min(), out);
        writeDouble(p.avg(), out);
        writeDouble(p.max(), out);
        writeDouble(p.zsRtd(), out);
        writeDouble(p.zsMin(), out);
        writeDouble(p.zsAvg(), out);
        writeDouble(p.zsMax(), out);
        writeDouble(p.cou(), out);
        writeString(p.flag(), out);
        writeString(p.eflag(), out);
        writeInstant(p.sampleTime(), out);
        writeMap(p.extra(), out);
    }

    private static Pollutant readPollutant(DataInputView in) throws IOException {
        return new Pollutant(
                readString(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readDouble(in),
                readString(in),
                readString(in),
                readInstant(in),
                readMap(in));
    }

    private static void writeMap(Map<String, String> map, DataOutputView out) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(entry.getKey(), out);
            writeString(entry.getValue(), out);
        }
    }

    private static Map<String, String> readMap(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size == 0) {
            return Map.of();
        }
        Map<String, String> map = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    @Override
    public TypeSerializerSnapshot<Report> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; there is one version of the format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Report> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
