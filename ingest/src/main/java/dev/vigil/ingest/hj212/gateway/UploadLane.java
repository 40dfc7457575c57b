package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.report.Report;
import java.time.Duration;
import java.time.Instant;

/**
 * Which of the gateway's two Kafka producers carries a report: current real-time data and alarms go
 * on their own producer, so that they never queue behind a reconnect storm's backlog in the other
 * one's buffer.
 *
 * <p>Why: one producer keeps one queue of batches per partition, and a record waits for every batch
 * ahead of it. When thousands of loggers reconnect and upload a day of minute and hourly data, a
 * real-time upload that would raise an alarm sat behind about as many records as there were loggers
 * uploading (Little's law: 2,000 in flight at 3,200 acks/s is 0.6 s, the probe's p50 in the burst
 * benchmark). On a producer of its own it waits only for its own batch.
 *
 * <p>The cost is order between lanes: a device's interval data (2051, 2061, ...) and its real-time
 * data may reach Kafka in another order than they were received. Within a lane the order stays. The
 * detection job already places backlog behind the watermark by its DataTime and does not rely on
 * arrival order between a device's data types.
 */
enum UploadLane {
    /** Real-time data (2011), running status (2021) and 2005 alarm events (2072), if recent. */
    REAL_TIME,
    /** Everything else: interval aggregates, history, replayed real-time data. */
    BULK;

    /**
     * A real-time upload whose DataTime is older than this is a replay from a backlog and goes with
     * the bulk; ten times the slowest real-time interval in common use (1 minute).
     */
    static final Duration REAL_TIME_MAX_AGE = Duration.ofMinutes(10);

    /** The lane of one report. */
    static UploadLane of(Report report) {
        String cn = report.cn();
        boolean realTimeCommand =
                "2011".equals(cn) || "2021".equals(cn) || Hj212Commands.ALARM_EVENT.equals(cn);
        if (!realTimeCommand) {
            return BULK;
        }
        Instant dataTime = report.dataTime();
        if (dataTime != null && dataTime.isBefore(report.receivedAt().minus(REAL_TIME_MAX_AGE))) {
            return BULK;
        }
        return REAL_TIME;
    }
}
