package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadLaneTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T08:00:00Z");

    private static Report report(String cn, Instant dataTime) {
        return new Report(
                "88888880000001",
                "HJ212-2017",
                cn,
                "32",
                "20261122160000000",
                4,
                dataTime,
                RECEIVED,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                "0".repeat(64));
    }

    @Test
    void currentRealTimeDataAndAlarmsTakeTheRealTimeLane() {
        assertThat(UploadLane.of(report("2011", RECEIVED.minusSeconds(30))))
                .isEqualTo(UploadLane.REAL_TIME);
        assertThat(UploadLane.of(report("2021", RECEIVED))).isEqualTo(UploadLane.REAL_TIME);
        assertThat(UploadLane.of(report("2072", RECEIVED))).isEqualTo(UploadLane.REAL_TIME);
        assertThat(UploadLane.of(report("2011", null))).isEqualTo(UploadLane.REAL_TIME);
    }

    @Test
    void intervalDataAndReplayedRealTimeDataTakeTheBulkLane() {
        assertThat(UploadLane.of(report("2051", RECEIVED))).isEqualTo(UploadLane.BULK);
        assertThat(UploadLane.of(report("2061", RECEIVED))).isEqualTo(UploadLane.BULK);
        assertThat(UploadLane.of(report("2031", RECEIVED))).isEqualTo(UploadLane.BULK);
        assertThat(
                        UploadLane.of(
                                report(
                                        "2011",
                                        RECEIVED.minus(UploadLane.REAL_TIME_MAX_AGE)
                                                .minus(Duration.ofSeconds(1)))))
                .isEqualTo(UploadLane.BULK);
    }
}
