package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.Hj212Time;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns a fleet's counters into the live line printed every few seconds (connections, frames and
 * answers per second, answer latency p50/p99, errors) and into the summary printed at the end.
 */
final class StatsPrinter {

    private static final DateTimeFormatter SIM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Fleet fleet;
    private final FleetStats stats;
    private final SimClock clock;
    private final Duration answerTimeout;
    private final int resends;
    private final long startNanos;
    private final Instant simStart;
    private final LatencyHistogram total = new LatencyHistogram();
    private long lastNanos;
    private long lastSent;
    private long lastAnswers;
    private long lastErrors;

    StatsPrinter(Fleet fleet, SimClock clock, FleetConfig config) {
        this.fleet = fleet;
        this.stats = fleet.stats();
        this.clock = clock;
        this.answerTimeout = config.answerTimeout();
        this.resends = config.resends();
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        this.simStart = clock.now();
    }

    /** The live line: what happened since the previous line. */
    synchronized String line() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long sent = stats.sent() + stats.resent.sum();
        long answers = stats.answers();
        long errors = stats.errors();
        LatencyHistogram interval = stats.latency.drain();
        total.add(interval);
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%7s  connected %,d/%,d  sent %,.1f/s  answered %,.1f/s  latency p50 %s p99 %s  in flight %,d  resent %,d  unanswered %,d  errors %,d  sim %s",
                                DurationText.format(
                                        Duration.ofSeconds((now - startNanos) / 1_000_000_000)),
                                stats.connected(),
                                fleet.size(),
                                (sent - lastSent) / seconds,
                                (answers - lastAnswers) / seconds,
                                millis(interval.percentile(50)),
                                millis(interval.percentile(99)),
                                stats.inFlight(),
                                stats.resent.sum(),
                                stats.unanswered(),
                                errors,
                                simTime(clock.now())));
        if (errors > lastErrors && stats.lastError() != null) {
            line.append("\n         last error: ").append(stats.lastError());
        }
        lastNanos = now;
        lastSent = sent;
        lastAnswers = answers;
        lastErrors = errors;
        return line.toString();
    }

    /** The summary of the whole run; {@code connectedAtEnd} were open when it was stopped. */
    synchronized String summary(int connectedAtEnd) {
        total.add(stats.latency.drain());
        Duration ran = Duration.ofMillis((System.nanoTime() - startNanos) / 1_000_000);
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "vigil simulate: ran %s; simulated time %s .. %s (China Standard Time)%s%n",
                        DurationText.format(ran.withNanos(0)),
                        simTime(simStart),
                        simTime(clock.now()),
                        clock.speed() == 1
                                ? ""
                                : String.format(
                                        Locale.ROOT, " at --speed %s", number(clock.speed()))));
        row(
                out,
                "loggers",
                "%,d started, %,d connected at the end (peak %,d)",
                fleet.launched(),
                connectedAtEnd,
                stats.peakConnected.get());
        row(
                out,
                "uploads sent",
                "%,d: real-time (2011) %,d, minute (2051) %,d, hourly (2061) %,d; from backlog %,d",
                stats.sent(),
                stats.sentRealtime.sum(),
                stats.sentMinute.sum(),
                stats.sentHourly.sum(),
                stats.backlogSent.sum());
        row(
                out,
                "answers (9014)",
                "%,d; resent %,d (no answer within %s); given up after %d resends %,d; unexpected %,d",
                stats.answers(),
                stats.resent.sum(),
                DurationText.format(answerTimeout),
                resends,
                stats.unanswered(),
                stats.unexpectedAnswers.sum());
        row(
                out,
                "answer latency",
                "p50 %s, p99 %s, max %s",
                millis(total.percentile(50)),
                millis(total.percentile(99)),
                millis(total.max()));
        row(
                out,
                "connections",
                "opened %,d, failed %,d, closed by the gateway %,d, scripted offline periods %,d",
                stats.connects.sum(),
                stats.connectFailures.sum(),
                stats.closedByGateway.sum(),
                stats.offlinePeriods.sum());
        row(
                out,
                "injected",
                "bad CRC frames %,d, garbage runs %,d",
                stats.badCrcInjected.sum(),
                stats.garbageInjected.sum());
        row(
                out,
                "from the gateway",
                "time set (1012) %,d, other commands %,d, broken frames %,d",
                stats.timeSets.sum(),
                stats.otherCommands.sum(),
                stats.badReplies.sum());
        if (stats.backlogDropped.sum() > 0) {
            row(out, "backlog dropped", "%,d (backlog full)", stats.backlogDropped.sum());
        }
        if (stats.lastError() != null) {
            row(out, "last error", "%s", stats.lastError());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String format, Object... values) {
        out.append(String.format(Locale.ROOT, "  %-18s", label))
                .append(String.format(Locale.ROOT, format, values))
                .append(System.lineSeparator());
    }

    static String millis(long micros) {
        if (micros < 0) {
            return "-";
        }
        if (micros < 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
        }
        return String.format(Locale.ROOT, "%,d ms", micros / 1000);
    }

    private static String simTime(Instant instant) {
        return SIM_TIME.format(LocalDateTime.ofInstant(instant, Hj212Time.CST));
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
