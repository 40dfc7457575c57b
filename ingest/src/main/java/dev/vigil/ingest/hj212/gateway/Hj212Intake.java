package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.report.Report;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Replies;
import dev.vigil.ingest.hj212.Hj212ReportMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the gateway does with one frame of an authenticated device: which reports to
 * publish, what to answer at once and what to answer only once the reports are durable; shared by
 * all connections, free of Netty.
 *
 * <ul>
 *   <li>Uploads (see {@link Hj212Commands}) become one report each, with {@code datatime-in-future}
 *       or {@code datatime-far-past} added to its warnings when DataTime is further from the
 *       receive time than the configured tolerances. With A=1 they are answered with 9014 (2005's
 *       2072 alarm event with 9013) after the producer's ack; a failed send gets no answer, so the
 *       device resends.
 *   <li>A resend of a recent frame, recognised by MN + QN, or without QN by MN + CN + DataTime +
 *       the frame's digest, is not published again but answered after the original's ack (not at
 *       all if the original failed; the device resends again and that one is published). The digest
 *       is part of the QN-less identity because real 2005 devices with a stuck clock send different
 *       readings under one DataTime, which must not be dropped as duplicates.
 *   <li>Split packets: see {@link SplitPacketAssembler} for what is published.
 *   <li>Heartbeats (8013, 9015) are not published: they carry no readings, the offline detector
 *       works on data, and a device's liveness is already visible in its connection; with A=1 they
 *       get a 9014 at once, since nothing needs to become durable.
 *   <li>A time-calibration request (1013) gets 9013 and then a 1012 set-time with the receive time.
 *   <li>Answers from the device to platform commands (9011..9014) are counted and dropped; any
 *       other command is reported back as unsupported, for the caller to dead-letter.
 * </ul>
 */
final class Hj212Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Intake.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    static final String DATATIME_IN_FUTURE = "datatime-in-future";
    static final String DATATIME_FAR_PAST = "datatime-far-past";

    /**
     * What to do for one frame.
     *
     * @param repliesNow frames to send at once, in order
     * @param durable completes when what the frame asked to store is durable; null if nothing
     * @param replyWhenDurable frame to send once {@code durable} succeeded; null for none
     * @param records records this frame put in flight (0 for a duplicate)
     * @param unsupported why the frame is rejected although it is valid; null if handled
     */
    record Plan(
            List<byte[]> repliesNow,
            CompletableFuture<Void> durable,
            byte[] replyWhenDurable,
            int records,
            String unsupported) {

        static Plan answerNow(List<byte[]> replies) {
            return new Plan(replies, null, null, 0, null);
        }

        static Plan answerWhenDurable(CompletableFuture<Void> durable, byte[] reply, int records) {
            return new Plan(List.of(), durable, reply, records, null);
        }

        static Plan unsupported(String why) {
            return new Plan(List.of(), null, null, 0, why);
        }
    }

    private final Hj212GatewayConfig config;
    private final ReportPublisher publisher;
    private final DuplicateFilter duplicates;
    private final SplitPacketAssembler splits;
    private final GatewayMetrics metrics;
    private final AtomicLong lastFailureLog =
            new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);
    private final AtomicLong failuresNotLogged = new AtomicLong();

    Hj212Intake(
            Hj212GatewayConfig config,
            ReportPublisher publisher,
            DuplicateFilter duplicates,
            SplitPacketAssembler splits,
            GatewayMetrics metrics) {
        this.config = config;
        this.publisher = publisher;
        this.duplicates = duplicates;
        this.splits = splits;
        this.metrics = metrics;
    }

    /** Handles one message received at {@code receivedAt} in {@code frame}. */
    Plan accept(Hj212Message message, Hj212Frame frame, Instant receivedAt) {
        return switch (Hj212Commands.of(message.cn())) {
            case UPLOAD -> upload(message, frame, receivedAt);
            case HEARTBEAT -> {
                metrics.heartbeat();
                yield Plan.answerNow(
                        message.answerRequired()
                                ? List.of(Hj212Replies.dataAnswer(message))
                                : List.of());
            }
            case TIME_REQUEST ->
                    Plan.answerNow(
                            List.of(
                                    Hj212Replies.notificationAnswer(message),
                                    Hj212Replies.setTime(message, receivedAt)));
            case INTERACTION -> Plan.answerNow(List.of());
            case OTHER ->
                    Plan.unsupported(
                            "CN "
                                    + message.cn()
                                    + " is neither an upload, a heartbeat nor a time request;"
                                    + " the gateway keeps no record of it");
        };
    }

    private Plan upload(Hj212Message message, Hj212Frame frame, Instant receivedAt) {
        Report report = flagDataTime(Hj212ReportMapper.toReport(message, receivedAt, frame.raw()));
        byte[] answer = null;
        if (message.answerRequired()) {
            answer =
                    Hj212Commands.ALARM_EVENT.equals(message.cn())
                            ? Hj212Replies.notificationAnswer(message)
                            : Hj212Replies.dataAnswer(message);
        }
        String identity = identity(report, message);
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (identity != null) {
            CompletableFuture<Void> original = duplicates.putIfAbsent(identity, durable);
            if (original != null) {
                metrics.duplicate();
                return Plan.answerWhenDurable(original, answer, 0);
            }
        }
        SplitPacketAssembler.Merged merged =
                report.packetNumber() == null ? null : splits.add(report, receivedAt);
        CompletableFuture<Void> stored = publish(report);
        if (merged != null) {
            stored = CompletableFuture.allOf(stored, publish(merged.report()));
        }
        stored.whenComplete(
                (ok, error) -> {
                    if (error == null) {
                        durable.complete(null);
                        return;
                    }
                    if (identity != null) {
                        duplicates.forget(identity, durable);
                    }
                    if (merged != null) {
                        splits.reopen(merged, report, receivedAt);
                    } else {
                        splits.retract(report);
                    }
                    durable.completeExceptionally(error);
                });
        return Plan.answerWhenDurable(durable, answer, merged == null ? 1 : 2);
    }

    private CompletableFuture<Void> publish(Report report) {
        CompletableFuture<Void> stored;
        try {
            stored = publisher.publish(report);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.whenComplete(
                (ok, error) -> {
                    if (error == null) {
                        metrics.published();
                    } else {
                        metrics.publishFailure();
                        logFailure(report, error);
                    }
                });
    }

    /** The identity a resend shares with its original, or null when the frame has none. */
    private static String identity(Report report, Hj212Message message) {
        if (report.qn() != null) {
            return report.mn() + "|" + report.qn();
        }
        String dataTime = message.field("DataTime");
        if (dataTime == null) {
            return null;
        }
        return report.mn() + "|" + report.cn() + "|" + dataTime + "|" + report.rawDigest();
    }

    private Report flagDataTime(Report report) {
        Instant dataTime = report.dataTime();
        String warning = null;
        if (dataTime == null) {
            return report;
        } else if (dataTime.isAfter(report.receivedAt().plus(config.futureTolerance()))) {
            warning = DATATIME_IN_FUTURE;
        } else if (dataTime.isBefore(report.receivedAt().minus(config.pastTolerance()))) {
            warning = DATATIME_FAR_PAST;
        }
        if (warning == null) {
            return report;
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        warnings.add(warning);
        return new Report(
                report.mn(),
                report.protocol(),
                report.cn(),
                report.st(),
                report.qn(),
                report.flag(),
                report.dataTime(),
                report.receivedAt(),
                report.pollutants(),
                report.fields(),
                report.packetCount(),
                report.packetNumber(),
                warnings,
                report.rawDigest());
    }

    /** Logs at most one publish failure per 10 s, with how many were not logged. */
    private void logFailure(Report report, Throwable error) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last < FAILURE_LOG_INTERVAL_NANOS || !lastFailureLog.compareAndSet(last, now)) {
            failuresNotLogged.incrementAndGet();
            return;
        }
        LOG.warn(
                "Kafka did not store the report of MN {} CN {} QN {}, the device gets no answer"
                        + " and will resend ({} more failures since the last message): {}",
                report.mn(),
                report.cn(),
                report.qn(),
                failuresNotLogged.getAndSet(0),
                error.toString());
    }
}
