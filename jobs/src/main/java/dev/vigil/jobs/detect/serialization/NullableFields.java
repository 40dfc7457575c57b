package dev.vigil.jobs.detect.serialization;

import dev.vigil.events.alert.Evidence;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writing and reading the nullable fields of the serializers here: strings in one bulk (modified
 * UTF-8, as {@link java.io.DataOutput#writeUTF}) after a one-byte tag, instants as seconds and
 * nanoseconds (durations too), boxed doubles after a presence byte.
 */
final class NullableFields {

    private static final byte NULL = 0;
    private static final byte UTF = 1;
    private static final byte LONG = 2;

    /** Modified UTF-8 takes at most three bytes per char, and writeUTF at most 65,535 bytes. */
    private static final int MAX_UTF_CHARS = 65_535 / 3;

    private NullableFields() {}

    static void writeString(String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value.length() <= MAX_UTF_CHARS) {
            out.writeByte(UTF);
            out.writeUTF(value);
        } else {
            out.writeByte(LONG);
            StringValue.writeString(value, out);
        }
    }

    static String readString(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case UTF -> in.readUTF();
            case LONG -> StringValue.readString(in);
            default -> throw new IOException("unknown string tag " + tag);
        };
    }

    static void writeInstant(Instant value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    static Instant readInstant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    static void writeDuration(Duration value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeLong(value.getSeconds());
        out.writeInt(value.getNano());
    }

    static Duration readDuration(DataInputView in) throws IOException {
        return in.readBoolean() ? Duration.ofSeconds(in.readLong(), in.readInt()) : null;
    }

    /** A list of strings that is never null (records replace a missing list by an empty one). */
    static void writeStrings(List<String> list, DataOutputView out) throws IOException {
        out.writeInt(list.size());
        for (String value : list) {
            writeString(value, out);
        }
    }

    static List<String> readStrings(DataInputView in) throws IOException {
        int size = in.readInt();
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeDouble(Double value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeDouble(value);
    }

    static Double readDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    static void writeInteger(Integer value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeInt(value);
    }

    static Integer readInteger(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    static <E extends Enum<E>> void writeEnum(E value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? -1 : value.ordinal());
    }

    static <E extends Enum<E>> E readEnum(E[] values, DataInputView in) throws IOException {
        byte ordinal = in.readByte();
        return ordinal < 0 ? null : values[ordinal];
    }

    private static final Evidence.Kind[] EVIDENCE_KINDS = Evidence.Kind.values();

    static void writeEvidence(Evidence e, DataOutputView out) throws IOException {
        writeEnum(e.kind(), out);
        writeString(e.ref(), out);
        writeInstant(e.time(), out);
        writeDouble(e.value(), out);
        writeString(e.detail(), out);
    }

    static Evidence readEvidence(DataInputView in) throws IOException {
        return new Evidence(
                readEnum(EVIDENCE_KINDS, in),
                readString(in),
                readInstant(in),
                readDouble(in),
                readString(in));
    }

    /** A list of evidence; {@code null} is kept apart from an empty list. */
    static void writeEvidenceList(List<Evidence> list, DataOutputView out) throws IOException {
        out.writeInt(list == null ? -1 : list.size());
        if (list != null) {
            for (Evidence e : list) {
                writeEvidence(e, out);
            }
        }
    }

    static List<Evidence> readEvidenceList(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            return null;
        }
        List<Evidence> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readEvidence(in));
        }
        return List.copyOf(list);
    }
}
