package dev.vigil.jobs.detect.complaint;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.KeyedStateCount;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Complaints waiting for the registry: attributed when it arrives, dead-lettered if it does not.
 */
class ComplaintDetectorTest {

    private KeyedBroadcastOperatorTestHarness<String, Complaint, RegistryUpdate, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ComplaintDetector(Duration.ofSeconds(5)),
                        Complaint::complaintId,
                        Types.STRING,
                        DetectionState.SOURCES,
                        DetectionState.RULES);
        harness.setProcessingTime(0);
    }

    @Test
    void aComplaintIsAttributedAtOnceWhenTheRegistryKnowsASourceNearby() throws Exception {
        registry();
        harness.processElement(complaint(), 0);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.sourceId()).isEqualTo(Fixtures.SOURCE));
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void aComplaintWaitsForTheRegistryAndIsAttributedWhenItArrives() throws Exception {
        harness.processElement(complaint(), 0);
        assertThat(KeyedStateCount.of(harness)).isEqualTo(1);

        registry();
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(KeyedStateCount.of(harness)).isZero();
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aComplaintNoSourceQualifiesForIsDeadLetteredAfterTheWait() throws Exception {
        harness.processElement(complaint(), 0);
        harness.setProcessingTime(5_000);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(DetectionState.DEAD_LETTERS)).hasSize(1);
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    private void registry() throws Exception {
        harness.processBroadcastElement(
                RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source()), 0);
    }

    private static Complaint complaint() {
        return new Complaint(
                "C-1",
                Complaint.Channel.APP,
                Complaint.Category.ODOR,
                "smell",
                new Place(null, new GeoPoint(31.201, 121.40), null, null),
                List.of(),
                T0,
                T0);
    }
}
