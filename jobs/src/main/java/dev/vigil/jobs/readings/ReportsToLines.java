package dev.vigil.jobs.readings;

import dev.vigil.jobs.influx.Point;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/**
 * Emits the line-protocol lines of each resolved report's readings and counts what it had to skip.
 */
final class ReportsToLines extends RichFlatMapFunction<ResolvedReport, String> {

    private static final long serialVersionUID = 1L;

    private transient Map<SkipReason, Counter> skipped;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        skipped = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, metrics.counter(reason.metricName()));
        }
    }

    @Override
    public void flatMap(ResolvedReport report, Collector<String> out) {
        ReadingPoints.Conversion conversion = ReadingPoints.convert(report);
        for (Point point : conversion.points()) {
            out.collect(point.toLineProtocol());
        }
        for (SkipReason reason : conversion.skipped()) {
            skipped.get(reason).inc();
        }
    }
}
