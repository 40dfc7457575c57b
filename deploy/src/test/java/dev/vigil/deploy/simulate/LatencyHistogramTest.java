package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinThreePercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros);
        }

        assertThat(histogram.count()).isEqualTo(100_000);
        assertThat((double) histogram.percentile(50)).isCloseTo(50_000, withPercentage(3));
        assertThat((double) histogram.percentile(99)).isCloseTo(99_000, withPercentage(3));
        assertThat((double) histogram.max()).isCloseTo(100_000, withPercentage(3));
    }

    @Test
    void bucketsCoverEveryValueInOrder() {
        int last = -1;
        for (long micros = 1; micros < 5_000_000; micros += 7) {
            int index = LatencyHistogram.index(micros);
            assertThat(index).isGreaterThanOrEqualTo(last);
            last = index;
            long middle = LatencyHistogram.middle(index);
            assertThat((double) middle).isCloseTo(micros, withPercentage(4));
        }
    }

    @Test
    void drainingEmptiesItAndAddingMerges() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(10);
        histogram.record(1_000);

        LatencyHistogram drained = histogram.drain();
        LatencyHistogram total = new LatencyHistogram();
        total.add(drained);

        assertThat(histogram.count()).isZero();
        assertThat(histogram.percentile(50)).isEqualTo(-1);
        assertThat(total.count()).isEqualTo(2);
        assertThat(total.percentile(50)).isEqualTo(10);
    }
}
