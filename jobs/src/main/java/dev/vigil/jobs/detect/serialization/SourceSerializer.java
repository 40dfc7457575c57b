package dev.vigil.jobs.detect.serialization;

import static dev.vigil.jobs.detect.serialization.NullableFields.readDuration;
import static dev.vigil.jobs.detect.serialization.NullableFields.readEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.readInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.readString;
import static dev.vigil.jobs.detect.serialization.NullableFields.readStrings;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeDuration;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeEnum;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeInstant;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeString;
import static dev.vigil.jobs.detect.serialization.NullableFields.writeStrings;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoVendor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Registry {@link Source}s (broadcast state of every instance of two operators, written at every
 * checkpoint), field by field in declaration order with their outlets, devices, cameras and permit
 * limits; the source's own constructor checks what it reads. Identity copies are safe: a source and
 * everything it holds are records, its lists unmodifiable copies.
 */
public final class SourceSerializer extends ImmutableRecordSerializer<Source> {

    private static final long serialVersionUID = 1L;

    public static final SourceSerializer INSTANCE = new SourceSerializer();

    private static final Source.Kind[] KINDS = Source.Kind.values();
    private static final Outlet.Kind[] OUTLET_KINDS = Outlet.Kind.values();
    private static final ProtocolVersion[] PROTOCOLS = ProtocolVersion.values();
    private static final VideoVendor[] VENDORS = VideoVendor.values();
    private static final DataKind[] DATA_KINDS = DataKind.values();

    @Override
    public void serialize(Source s, DataOutputView out) throws IOException {
        writeString(s.sourceId(), out);
        writeString(s.name(), out);
        writeString(s.enterprise(), out);
        writeEnum(s.kind(), out);
        writePlace(s.place(), out);
        writeStrings(s.groups(), out);
        out.writeInt(s.outlets().size());
        for (Outlet o : s.outlets()) {
            writeString(o.outletId(), out);
            writeString(o.name(), out);
            writeEnum(o.kind(), out);
        }
        out.writeInt(s.devices().size());
        for (Device d : s.devices()) {
            writeString(d.mn(), out);
            writeString(d.outletId(), out);
            writeEnum(d.protocol(), out);
            writeString(d.passwordHash(), out);
            writeDuration(d.realtimeInterval(), out);
            writeDuration(d.minuteInterval(), out);
        }
        out.writeInt(s.cameras().size());
        for (Camera c : s.cameras()) {
            writeString(c.cameraId(), out);
            writeString(c.name(), out);
            writeEnum(c.vendor(), out);
        }
        out.writeInt(s.permitLimits().size());
        for (PermitLimit l : s.permitLimits()) {
            writeString(l.outletId(), out);
            writeString(l.pollutantCode(), out);
            out.writeDouble(l.limit());
            writeString(l.unit(), out);
            writeEnum(l.dataKind(), out);
        }
        writeStrings(s.agencyIds(), out);
        out.writeBoolean(s.retired());
        out.writeLong(s.version());
        writeInstant(s.updatedAt(), out);
    }

    @Override
    public Source deserialize(DataInputView in) throws IOException {
        String sourceId = readString(in);
        String name = readString(in);
        String enterprise = readString(in);
        Source.Kind kind = readEnum(KINDS, in);
        Place place = readPlace(in);
        List<String> groups = readStrings(in);
        int count = in.readInt();
        List<Outlet> outlets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outlets.add(new Outlet(readString(in), readString(in), readEnum(OUTLET_KINDS, in)));
        }
        count = in.readInt();
        List<Device> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(
                    new Device(
                            readString(in),
                            readString(in),
                            readEnum(PROTOCOLS, in),
                            readString(in),
                            readDuration(in),
                            readDuration(in)));
        }
        count = in.readInt();
        List<Camera> cameras = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cameras.add(new Camera(readString(in), readString(in), readEnum(VENDORS, in)));
        }
        count = in.readInt();
        List<PermitLimit> limits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            limits.add(
                    new PermitLimit(
                            readString(in),
                            readString(in),
                            in.readDouble(),
                            readString(in),
                            readEnum(DATA_KINDS, in)));
        }
        return new Source(
                sourceId,
                name,
                enterprise,
                kind,
                place,
                groups,
                outlets,
                devices,
                cameras,
                limits,
                readStrings(in),
                in.readBoolean(),
                in.readLong(),
                readInstant(in));
    }

    private static void writePlace(Place p, DataOutputView out) throws IOException {
        writeString(p.address(), out);
        GeoPoint location = p.location();
        out.writeBoolean(location != null);
        if (location != null) {
            out.writeDouble(location.lat());
            out.writeDouble(location.lon());
        }
        writeString(p.area(), out);
        writeString(p.street(), out);
    }

    private static Place readPlace(DataInputView in) throws IOException {
        String address = readString(in);
        GeoPoint location =
                in.readBoolean() ? new GeoPoint(in.readDouble(), in.readDouble()) : null;
        return new Place(address, location, readString(in), readString(in));
    }

    @Override
    public TypeSerializerSnapshot<Source> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer, also in place of the POJO serializer of earlier savepoints. */
    public static final class Snapshot extends PojoSuccessorSnapshot<Source> {
        public Snapshot() {
            super(Source.class, () -> INSTANCE);
        }
    }
}
