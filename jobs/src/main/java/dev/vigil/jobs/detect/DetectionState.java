package dev.vigil.jobs.detect;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.ThresholdEpisode;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.offline.DeviceWatch;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.serialization.ImmutableRecordType;
import dev.vigil.jobs.detect.serialization.SeriesStateSerializer;
import dev.vigil.jobs.detect.video.VideoEpisode;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.util.OutputTag;

/**
 * Every state descriptor and output tag of the detection job, in one place shared by the job and
 * its tests. Renaming one is a state migration: a restored job would not find the old state.
 */
public final class DetectionState {

    private DetectionState() {}

    /**
     * Broadcast: the registry's sources by id (groups, permit limits, places). Every instance of
     * two operators copies and writes them all at every checkpoint, hence their own serializer;
     * earlier savepoints, written by Flink's POJO serializer, still restore.
     */
    public static final MapStateDescriptor<String, Source> SOURCES =
            new MapStateDescriptor<>("registry-sources", Types.STRING, ImmutableRecordType.SOURCE);

    /** Broadcast: the rules in force by id (latest valid, enabled, unretired version). */
    public static final MapStateDescriptor<String, ThresholdRule> RULES =
            new MapStateDescriptor<>(
                    "registry-rules", Types.STRING, ImmutableRecordType.THRESHOLD_RULE);

    /** Per source: the devices it registers. */
    public static final ValueStateDescriptor<List<DeviceRegistration>> SOURCE_DEVICES =
            new ValueStateDescriptor<>(
                    "source-devices", Types.LIST(ImmutableRecordType.DEVICE_REGISTRATION));

    /** Per device: where it belongs. */
    public static final ValueStateDescriptor<DeviceRegistration> DEVICE =
            new ValueStateDescriptor<>("device", ImmutableRecordType.DEVICE_REGISTRATION);

    /** Per device: reports waiting for its registration. */
    public static final ListStateDescriptor<Report> PENDING_REPORTS =
            new ListStateDescriptor<>("pending-reports", type(Report.class));

    /** Per device: when the waiting reports give up (processing time). */
    public static final ValueStateDescriptor<Long> PENDING_DEADLINE =
            new ValueStateDescriptor<>("pending-deadline", Types.LONG);

    /** Per device: what offline detection knows. */
    public static final ValueStateDescriptor<DeviceWatch> DEVICE_WATCH =
            new ValueStateDescriptor<>("device-watch", type(DeviceWatch.class));

    /**
     * Per device, in the job: the condition, run and hours of each of its series in {@link
     * SeriesDetector}, by pollutant code, as one value, so that a report costs one state lookup and
     * at most one write.
     */
    public static final ValueStateDescriptor<Map<String, SeriesState>> DEVICE_SERIES =
            new ValueStateDescriptor<>(
                    "device-series-by-pollutant",
                    new MapSerializer<>(StringSerializer.INSTANCE, SeriesStateSerializer.INSTANCE));

    /**
     * Per device: {@link #DEVICE_SERIES} as earlier versions kept it, one map entry per series.
     * Only read, to move the series of a device restored from such a savepoint into {@link
     * #DEVICE_SERIES} when the device is next seen; never written.
     */
    public static final MapStateDescriptor<String, SeriesState> DEVICE_SERIES_BY_ENTRY =
            new MapStateDescriptor<>(
                    "device-series", StringSerializer.INSTANCE, SeriesStateSerializer.INSTANCE);

    /** Per subject: each rule's pending or firing episode, by rule id. */
    public static final MapStateDescriptor<String, ThresholdEpisode> EPISODES =
            new MapStateDescriptor<>(
                    "threshold-episodes", Types.STRING, type(ThresholdEpisode.class));

    /** Per camera and type: the ongoing video episode. */
    public static final ValueStateDescriptor<VideoEpisode> VIDEO_EPISODE =
            new ValueStateDescriptor<>("video-episode", type(VideoEpisode.class));

    /** Per complaint: a complaint waiting for a source to attribute it to. */
    public static final ValueStateDescriptor<Complaint> PENDING_COMPLAINT =
            new ValueStateDescriptor<>("pending-complaint", type(Complaint.class));

    /** Input rejected by detection, for {@code vigil.dead-letter}. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", type(DeadLetter.class));

    /**
     * Daily values of water series that the hourly aggregation let through to the threshold rules:
     * those of days without an abnormal hour (see {@link
     * dev.vigil.jobs.detect.hourly.HourlyAggregator}).
     */
    public static final OutputTag<JudgedValue> WATER_DAILY_VALUES =
            new OutputTag<>("water-daily-values", ImmutableRecordType.JUDGED_VALUE);

    /** OFFLINE alerts of the per-device operator ({@link DeviceDetector}). */
    public static final OutputTag<Alert> OFFLINE_ALERTS =
            new OutputTag<>("offline-alerts", type(Alert.class));

    /** Validity and FLATLINE alerts of the per-series operator ({@link SeriesDetector}). */
    public static final OutputTag<Alert> SERIES_ALERTS =
            new OutputTag<>("series-alerts", type(Alert.class));

    /** DATA_MISMATCH alerts of the hourly aggregation. */
    public static final OutputTag<Alert> MISMATCH_ALERTS =
            new OutputTag<>("mismatch-alerts", type(Alert.class));

    private static <T> TypeInformation<T> type(Class<T> type) {
        return TypeInformation.of(type);
    }
}
