package dev.vigil.events;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.complaint.ComplaintContact;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoVendor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sample records for tests: {@code full*} samples set every nullable component, so a JSON check
 * sees every field; {@code sparse*} samples leave every nullable component out.
 */
public final class Samples {

    /** DataTime of the HJ 212-2017 example hourly frame (2016-08-01 08:00 China time). */
    public static final Instant HOUR_START = Instant.parse("2016-08-01T00:00:00Z");

    /** When the gateway received the example frames. */
    public static final Instant RECEIVED = Instant.parse("2016-08-01T01:00:00.123Z");

    /** When detection saw the example exceedance. */
    public static final Instant DETECTED = Instant.parse("2016-08-01T01:00:01.500Z");

    public static final String MN = "010000A8900016F000169DC0";
    public static final String SOURCE_ID = "src-0001";
    public static final String OUTLET_ID = "WS-01";
    public static final String CAMERA_ID = "cam-0001";
    public static final String AGENCY_ID = "agency-enforcement";
    public static final String INCIDENT_ID = "inc-5b1c";

    public static final byte[] HOURLY_FRAME =
            ("##0325QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                            + "Flag=5;CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Min=16.4,"
                            + "w00000-Avg=17.5,w00000-Max=20.1,w00000-Flag=N;w01001-Min=7.1,"
                            + "w01001-Avg=7.5,w01001-Max=7.8,w01001-Flag=N;w01018-Cou=63.0,"
                            + "w01018-Min=40.1,w01018-Avg=40.1,w01018-Max=40.1,w01018-Flag=N&&B7C1\r\n")
                    .getBytes(StandardCharsets.US_ASCII);

    public static final String JPEG_HASH = Sha256.hex("jpeg".getBytes(StandardCharsets.UTF_8));

    private static final String PASSWORD_HASH = Device.hashPassword(MN, "123456");

    private Samples() {}

    public static Pollutant fullPollutant() {
        return new Pollutant(
                "w01018",
                41.2,
                40.1,
                40.5,
                40.9,
                42.0,
                41.0,
                41.5,
                41.9,
                63.0,
                "N",
                "A01",
                HOUR_START.minusSeconds(3600),
                Map.of("Ala", "45.0", "UpValue", "50.0", "LowValue", "0.0"));
    }

    public static Report fullReport() {
        return new Report(
                MN,
                ProtocolVersion.HJ212_2017.label(),
                "2061",
                "32",
                "20160801090000001",
                5,
                HOUR_START,
                RECEIVED,
                List.of(
                        fullPollutant(),
                        new Pollutant(
                                "SB1",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of("RS", "1", "RT", "23.5"))),
                Map.of("BeginTime", "20160801080000"),
                2,
                1,
                List.of("datatime-in-future"),
                Report.digest(HOURLY_FRAME));
    }

    public static Report sparseReport() {
        return new Report(
                "LD130133000015",
                ProtocolVersion.HJ212_2005.label(),
                "8013",
                "32",
                null,
                null,
                null,
                RECEIVED,
                null,
                Map.of("HeartbeatTime", "120"),
                null,
                null,
                null,
                Report.digest(new byte[] {1, 2, 3}));
    }

    public static EvidenceRef picture() {
        return new EvidenceRef(JPEG_HASH, "image/jpeg", 48_213, "evidence/2016/08/01/x.jpg");
    }

    public static VideoEvent fullVideoEvent() {
        return new VideoEvent(
                StableId.of("hikvision-isapi", CAMERA_ID, "fireDetection", "2016-08-01T09:00:00"),
                CAMERA_ID,
                SOURCE_ID,
                VideoVendor.HIKVISION_ISAPI,
                VideoEvent.Type.FIRE,
                VideoEvent.State.START,
                0.93,
                HOUR_START,
                RECEIVED,
                "fire detected in region 1",
                List.of(picture()),
                new EvidenceRef(JPEG_HASH, "video/mp4", 1_048_576, "evidence/2016/08/01/x.mp4"),
                "fireDetection");
    }

    public static Place fullPlace() {
        return new Place(
                "12 Riverside Road", new GeoPoint(31.2304, 121.4737), "Huangpu", "Bund Street");
    }

    public static Complaint fullComplaint() {
        return new Complaint(
                "cmp-0001",
                Complaint.Channel.HOTLINE,
                Complaint.Category.ODOR,
                "Strong chemical smell near the river since this morning.",
                fullPlace(),
                List.of(picture()),
                HOUR_START,
                RECEIVED);
    }

    public static ComplaintContact fullComplaintContact() {
        return new ComplaintContact("cmp-0001", "Li Wei", "+86 138 0000 0000", "li@example.org");
    }

    public static Device device() {
        return new Device(
                MN,
                OUTLET_ID,
                ProtocolVersion.HJ212_2017,
                PASSWORD_HASH,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }

    public static Source fullSource() {
        return new Source(
                SOURCE_ID,
                "Riverside Chemical Works",
                "Riverside Chemical Co., Ltd.",
                Source.Kind.WATER,
                fullPlace(),
                List.of("key water sources"),
                List.of(new Outlet(OUTLET_ID, "main wastewater outfall", Outlet.Kind.WASTEWATER)),
                List.of(device()),
                List.of(new Camera(CAMERA_ID, "outfall 1", VideoVendor.HIKVISION_ISAPI)),
                List.of(new PermitLimit(OUTLET_ID, "w01018", 50.0, "mg/L", DataKind.HOURLY)),
                List.of(AGENCY_ID),
                false,
                7,
                HOUR_START);
    }

    public static ThresholdRule rule(ThresholdRule.Comparison comparator, RuleLevel... levels) {
        return new ThresholdRule(
                "rule-cod",
                3,
                "COD hourly exceedance",
                new RuleScope(SOURCE_ID, OUTLET_ID, "w01018", null),
                DataKind.HOURLY,
                comparator,
                List.of(levels),
                new Persistence(2, Duration.ofMinutes(5)),
                0.9,
                true,
                "zhang.env",
                HOUR_START,
                false);
    }

    public static ThresholdRule fullRule() {
        return rule(
                ThresholdRule.Comparison.ABOVE,
                new RuleLevel(Severity.WARNING, 80, RuleLevel.Mode.PERCENT_OF_LIMIT),
                new RuleLevel(Severity.ALARM, 100, RuleLevel.Mode.PERCENT_OF_LIMIT),
                new RuleLevel(Severity.SEVERE, 150, RuleLevel.Mode.PERCENT_OF_LIMIT));
    }

    /** A rule for every source of a group, the other half of {@link RuleScope}. */
    public static ThresholdRule groupRule() {
        ThresholdRule r = fullRule();
        return new ThresholdRule(
                "rule-ph-low",
                1,
                "pH too low, key water sources",
                new RuleScope(null, null, "w01001", "key water sources"),
                DataKind.REALTIME,
                ThresholdRule.Comparison.BELOW,
                List.of(new RuleLevel(Severity.WARNING, 6.0, RuleLevel.Mode.ABSOLUTE)),
                Persistence.IMMEDIATE,
                1.0,
                false,
                r.author(),
                r.updatedAt(),
                true);
    }

    public static Alert fullAlert() {
        return new Alert(
                Alert.idFor(
                        "THRESHOLD",
                        "rule-cod",
                        SOURCE_ID,
                        OUTLET_ID,
                        "w01018",
                        "2016-08-01T00:00:00Z"),
                Alert.Type.THRESHOLD,
                Severity.ALARM,
                Alert.State.FIRING,
                SOURCE_ID,
                OUTLET_ID,
                "w01018",
                MN,
                63.2,
                50.0,
                "rule-cod",
                3L,
                DataKind.HOURLY,
                List.of(
                        new Evidence(
                                Evidence.Kind.READING,
                                Report.digest(HOURLY_FRAME),
                                HOUR_START,
                                63.2,
                                "w01018 avg 63.2 mg/L, flag N")),
                HOUR_START,
                DETECTED,
                true,
                true,
                "COD 63.2 mg/L above the permit limit 50 mg/L (126 %)");
    }

    public static Alert sparseAlert() {
        return new Alert(
                Alert.idFor("OFFLINE", SOURCE_ID, MN),
                Alert.Type.OFFLINE,
                Severity.WARNING,
                Alert.State.RESOLVED,
                SOURCE_ID,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                HOUR_START,
                DETECTED,
                false,
                false,
                "device back online");
    }

    public static Actor operator() {
        return new Actor("wang.op", Actor.Role.OPERATOR, null);
    }

    public static Actor agency() {
        return new Actor("chen.enf", Actor.Role.AGENCY, AGENCY_ID);
    }

    public static Command fullCommand() {
        return new Command(
                "cmd-0001",
                INCIDENT_ID,
                Command.Type.SILENCE,
                agency(),
                DETECTED,
                List.of(AGENCY_ID),
                "outfall under repair",
                "inc-0000",
                DETECTED.plus(Duration.ofHours(4)),
                SOURCE_ID);
    }

    public static IncidentEvent fullIncidentEvent() {
        return new IncidentEvent(
                IncidentEvent.idFor(INCIDENT_ID, 3),
                INCIDENT_ID,
                3,
                IncidentEvent.Type.AGENCY_ARRIVED,
                IncidentEvent.State.ON_SCENE,
                4,
                Severity.ALARM,
                IncidentEvent.Category.SMOKE,
                SOURCE_ID,
                List.of(fullAlert().alertId()),
                List.of(AGENCY_ID),
                agency(),
                "cmd-0002",
                DETECTED,
                DETECTED.plus(Duration.ofMinutes(30)),
                "enforcement team on site");
    }

    public static Delivery fullDelivery() {
        String eventId = IncidentEvent.idFor(INCIDENT_ID, 3);
        return new Delivery(
                Delivery.idFor(eventId, AGENCY_ID, Delivery.Channel.WEBHOOK),
                INCIDENT_ID,
                eventId,
                AGENCY_ID,
                Delivery.Channel.WEBHOOK,
                2,
                Delivery.Outcome.RETRYING,
                DETECTED,
                503,
                "503 Service Unavailable",
                DETECTED.plusSeconds(20));
    }

    public static DeadLetter fullDeadLetter() {
        return new DeadLetter(
                "hj212",
                "CRC 1100 does not match the data segment (expected 2D00)",
                "CRC",
                HOURLY_FRAME,
                "10.1.2.3:50112",
                RECEIVED,
                Map.of("mn", MN, "cn", "2061"));
    }

    /**
     * Samples of every record that travels on Kafka; between them they set every component (a rule
     * scope cannot name a source and a group at once).
     */
    public static List<Record> full() {
        return List.of(
                fullReport(),
                fullVideoEvent(),
                fullComplaint(),
                fullComplaintContact(),
                fullSource(),
                fullRule(),
                groupRule(),
                fullAlert(),
                fullCommand(),
                fullIncidentEvent(),
                fullDelivery(),
                fullDeadLetter());
    }

    /** Samples that leave their nullable components out. */
    public static List<Record> sparse() {
        return List.of(
                sparseReport(),
                sparseAlert(),
                new ComplaintContact("cmp-0002", null, null, null),
                new Complaint(
                        "cmp-0002",
                        Complaint.Channel.WEB,
                        Complaint.Category.NOISE,
                        "Loud machinery at night.",
                        new Place(null, null, null, null),
                        null,
                        HOUR_START,
                        RECEIVED));
    }
}
