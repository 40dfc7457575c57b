package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitPacketAssemblerTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DATA_TIME = Instant.parse("2023-12-31T23:00:00Z");

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final SplitPacketAssembler assembler =
            new SplitPacketAssembler(6, Duration.ofMinutes(10), metrics);

    private static Report part(String mn, int count, int number) {
        return new Report(
                mn,
                "HJ212-2017",
                "2061",
                "32",
                "2024010100000000" + number,
                7,
                DATA_TIME,
                T0.plusSeconds(number),
                List.of(
                        new Pollutant(
                                "p" + number,
                                null,
                                null,
                                1.0 * number,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "N",
                                null,
                                null,
                                Map.of())),
                Map.of("DataTime", "20240101070000"),
                count,
                number,
                List.of(),
                "0".repeat(63) + number);
    }

    @Test
    void mergesOnceEveryPartArrivedInAnyOrder() {
        assertThat(assembler.add(part("A", 3, 3), T0)).isNull();
        assertThat(assembler.add(part("A", 3, 1), T0)).isNull();
        assertThat(assembler.add(part("A", 3, 1), T0)).as("a resent part").isNull();

        SplitPacketAssembler.Merged merged = assembler.add(part("A", 3, 2), T0);

        assertThat(merged).isNotNull();
        Report whole = merged.report();
        assertThat(whole.pollutants())
                .extracting(Pollutant::code)
                .containsExactly("p1", "p2", "p3");
        assertThat(whole.packetNumber()).isNull();
        assertThat(whole.packetCount()).isNull();
        assertThat(whole.flag()).isEqualTo(7);
        assertThat(whole.qn()).isNull();
        assertThat(whole.receivedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(whole.rawDigest()).hasSize(64);
        assertThat(assembler.heldParts()).isZero();
    }

    @Test
    void incompleteSetsExpireAndMemoryIsBounded() {
        assembler.add(part("A", 2, 1), T0);
        assembler.expire(T0.plus(Duration.ofMinutes(11)));
        assertThat(assembler.heldParts()).isZero();
        assertThat(metrics.snapshot()).containsEntry("splitSetsExpired", 1L);

        for (int device = 0; device < 10; device++) {
            assembler.add(part("D" + device, 3, 1), T0);
        }
        assertThat(assembler.heldParts()).isLessThanOrEqualTo(6);
    }

    @Test
    void aFailedLastPartReopensTheSetSoItsResendCompletesIt() {
        assembler.add(part("A", 2, 1), T0);
        Report last = part("A", 2, 2);
        SplitPacketAssembler.Merged merged = assembler.add(last, T0);

        assembler.reopen(merged, last, T0);

        assertThat(assembler.heldParts()).isEqualTo(1);
        assertThat(assembler.add(part("A", 2, 2), T0)).isNotNull();
    }

    @Test
    void partsOutsideTheirCountAreNeverMerged() {
        assertThat(assembler.add(part("A", 2, 3), T0)).isNull();
        assertThat(assembler.heldParts()).isZero();
    }
}
