package dev.vigil.deploy.simulate;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one data logger records and uploads, without any networking: a real-time record (CN 2011)
 * every real-time interval, and a minute (2051) and hourly (2061) record with minimum, average,
 * maximum and flag as each of those intervals completes, DataTime being the sampling instant or the
 * interval's start.
 */
final class DataLogger {

    private static final long HOUR_MILLIS = 3_600_000;

    private final DeviceSpec device;
    private final PollutantSignals signals;
    private final List<PollutantSpec> pollutants;
    private final IntervalAggregate[] minute;
    private final IntervalAggregate[] hour;
    private final long intervalMillis;
    private final long minuteMillis;
    private final long phaseMillis;
    private long nextSample;
    private long minuteStart = Long.MIN_VALUE;
    private long hourStart = Long.MIN_VALUE;

    /**
     * @param device the logger
     * @param signals its pollutants' values
     * @param start the first sample is the first instant at or after this on the logger's grid
     * @param phaseMillis where in each real-time interval the logger samples, in whole seconds
     *     (loggers of a fleet do not all sample at the same instant)
     */
    DataLogger(DeviceSpec device, PollutantSignals signals, Instant start, long phaseMillis) {
        this.device = device;
        this.signals = signals;
        this.pollutants = device.pollutants();
        this.intervalMillis = device.realtimeInterval().toMillis();
        this.minuteMillis = device.minuteInterval().toMillis();
        this.minute = new IntervalAggregate[pollutants.size()];
        this.hour = new IntervalAggregate[pollutants.size()];
        for (int i = 0; i < pollutants.size(); i++) {
            minute[i] = new IntervalAggregate();
            hour[i] = device.hourly() ? new IntervalAggregate() : null;
        }
        // DataTimes have whole seconds: so do the grid's instants.
        this.phaseMillis = Math.floorMod(phaseMillis, intervalMillis) / 1_000 * 1_000;
        this.nextSample = firstSampleAt(start.toEpochMilli());
    }

    private long firstSampleAt(long start) {
        long startMillis = Math.floorDiv(start + 999, 1_000) * 1_000;
        long grid =
                Math.floorDiv(startMillis - phaseMillis, intervalMillis) * intervalMillis
                        + phaseMillis;
        return grid < startMillis ? grid + intervalMillis : grid;
    }

    /**
     * Goes on sampling from {@code now} after the logger's clock was set: the time it skipped is
     * not sampled, and time it goes back over is sampled again, as a real logger does.
     */
    void clockSetTo(Instant now) {
        nextSample = firstSampleAt(now.toEpochMilli());
    }

    /** When the next real-time sample is due. */
    Instant nextSampleAt() {
        return Instant.ofEpochMilli(nextSample);
    }

    /**
     * Takes every sample due up to {@code now} and hands the records they complete to {@code out}.
     */
    void advanceTo(Instant now, Consumer<Upload> out) {
        long until = now.toEpochMilli();
        while (nextSample <= until) {
            sample(nextSample, out);
            nextSample += intervalMillis;
        }
    }

    private void sample(long time, Consumer<Upload> out) {
        long thisMinute = Math.floorDiv(time, minuteMillis) * minuteMillis;
        if (minuteStart != Long.MIN_VALUE && thisMinute != minuteStart) {
            emitInterval(Upload.MINUTE, minuteStart, minuteMillis, minute, out);
        }
        minuteStart = thisMinute;
        if (device.hourly()) {
            long thisHour = Math.floorDiv(time, HOUR_MILLIS) * HOUR_MILLIS;
            if (hourStart != Long.MIN_VALUE && thisHour != hourStart) {
                emitInterval(Upload.HOURLY, hourStart, HOUR_MILLIS, hour, out);
            }
            hourStart = thisHour;
        }
        Instant dataTime = Instant.ofEpochMilli(time);
        CpText cp = new CpText(dataTime);
        for (int i = 0; i < pollutants.size(); i++) {
            PollutantSpec pollutant = pollutants.get(i);
            double value = signals.value(i, time);
            char flag = signals.flag(i, time);
            minute[i].add(value, flag);
            if (hour[i] != null) {
                hour[i].add(value, flag);
            }
            cp.item()
                    .field(pollutant.code(), "Rtd", value, pollutant.decimals())
                    .field(pollutant.code(), "Flag", flag);
        }
        out.accept(new Upload(Upload.REALTIME, dataTime, cp.toString()));
    }

    private void emitInterval(
            String cn,
            long start,
            long lengthMillis,
            IntervalAggregate[] aggregates,
            Consumer<Upload> out) {
        Instant dataTime = Instant.ofEpochMilli(start);
        CpText cp = new CpText(dataTime);
        boolean any = false;
        for (int i = 0; i < pollutants.size(); i++) {
            IntervalAggregate aggregate = aggregates[i];
            if (aggregate.isEmpty()) {
                continue;
            }
            any = true;
            PollutantSpec pollutant = pollutants.get(i);
            String code = pollutant.code();
            int decimals = pollutant.decimals();
            cp.item();
            if (pollutant.cumulative()) {
                cp.field(
                        code,
                        "Cou",
                        pollutant.volume(aggregate.average(), lengthMillis / 1000.0),
                        1);
            }
            cp.field(code, "Min", aggregate.min(), decimals)
                    .field(code, "Avg", aggregate.average(), decimals)
                    .field(code, "Max", aggregate.max(), decimals)
                    .field(code, "Flag", aggregate.flag(device.water()));
            aggregate.reset();
        }
        if (any) {
            out.accept(new Upload(cn, dataTime, cp.toString()));
        }
    }
}
