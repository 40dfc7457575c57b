package dev.vigil.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.video.VideoEvent.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoTypesTest {

    @ParameterizedTest
    @CsvSource({
        "fireDetection, FIRE",
        "smoke, SMOKE",
        "smokeDetection, SMOKE",
        "tamperdetection, TAMPER",
        "shelteralarm, TAMPER",
        "scenechangedetection, TAMPER",
        "videoloss, VIDEO_LOSS",
        "linedetection, INTRUSION",
        "fielddetection, INTRUSION",
        "regionEntrance, INTRUSION",
        "regionExiting, OTHER",
        "ANPR, VEHICLE",
        "VMD, OTHER",
        "PeopleCounting, OTHER",
        "illegalDischarge, ILLEGAL_DISCHARGE",
        "waterColorAbnormal, ILLEGAL_DISCHARGE"
    })
    void hikvisionEventTypes(String eventType, Type type) {
        assertThat(VideoTypes.hikvision(eventType)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({
        "smoke, SMOKE",
        "fire, FIRE",
        "person, INTRUSION",
        "car, VEHICLE",
        "truck, VEHICLE",
        "license_plate, VEHICLE",
        "dog, OTHER",
        "oil_spill, ILLEGAL_DISCHARGE",
        "effluent, ILLEGAL_DISCHARGE"
    })
    void frigateLabels(String label, Type type) {
        assertThat(VideoTypes.frigate(label)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({
        "tns1:RuleEngine/CellMotionDetector/Motion, OTHER",
        "tns1:VideoSource/MotionAlarm, OTHER",
        "tns1:RuleEngine/LineDetector/Crossed, INTRUSION",
        "tns1:RuleEngine/FieldDetector/ObjectsInside, INTRUSION",
        "tns1:RuleEngine/TamperDetector/Tamper, TAMPER",
        "tns1:VideoSource/GlobalSceneChange/ImagingService, TAMPER",
        "tns1:VideoSource/ImageTooDark/AnalyticsService, TAMPER",
        "tns1:VideoSource/SignalLoss, VIDEO_LOSS",
        "tns1:RuleEngine/MyRuleDetector/SmokeDetect, SMOKE",
        "tns1:RuleEngine/MyRuleDetector/FireDetect, FIRE",
        "tns1:RuleEngine/Vendor/WastewaterDischarge, ILLEGAL_DISCHARGE",
        "tns1:RuleEngine/LicensePlateRecognition/Plate, VEHICLE"
    })
    void onvifTopics(String topic, Type type) {
        assertThat(VideoTypes.onvif(topic)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"illegal_discharge", "ILLEGAL-DISCHARGE", "Illegal_Discharge"})
    void vigilNames(String name) {
        assertThat(VideoTypes.vigil(name)).contains(Type.ILLEGAL_DISCHARGE);
    }
}
