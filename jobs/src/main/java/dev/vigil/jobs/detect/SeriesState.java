package dev.vigil.jobs.detect;

import dev.vigil.jobs.detect.flatline.FlatlineRun;
import dev.vigil.jobs.detect.hourly.HourAccumulator;
import dev.vigil.jobs.detect.validity.ConditionEpisode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;

/**
 * Everything {@link SeriesDetector} keeps for one series, as one keyed state entry: a reading then
 * costs one state lookup and at most one write instead of one of each per detector, which was most
 * of the per-series operator's time on the heap backend.
 *
 * <p>Mutable: the detector changes it in place and writes it back when something changed; the heap
 * backend hands out a {@linkplain #copy() copy} of an entry a pending checkpoint still reads.
 */
public final class SeriesState {

    private static final long[] NO_TIMERS = {};

    private ConditionEpisode condition;
    private FlatlineRun run;
    private final NavigableMap<Long, HourAccumulator> hours;
    private long[] revisionTimers;

    public SeriesState() {
        this(null, null, new TreeMap<>(), NO_TIMERS);
    }

    /**
     * @param condition the validity condition holding; nullable
     * @param run the current run of equal values; nullable
     * @param hours the open or revisable hours by hour start (epoch ms); taken over, not copied
     * @param revisionTimers the processing times of the revision timers the series set that have
     *     not fired yet, ascending; taken over, not copied
     */
    public SeriesState(
            ConditionEpisode condition,
            FlatlineRun run,
            NavigableMap<Long, HourAccumulator> hours,
            long[] revisionTimers) {
        this.condition = condition;
        this.run = run;
        this.hours = hours;
        this.revisionTimers = revisionTimers;
    }

    /** The validity condition holding; {@code null} for none. */
    public ConditionEpisode condition() {
        return condition;
    }

    /** The current run of equal values; {@code null} before the first valid value. */
    public FlatlineRun run() {
        return run;
    }

    /** The open or revisable hours, read-only, in chronological order. */
    public Map<Long, HourAccumulator> hours() {
        return Collections.unmodifiableMap(hours);
    }

    /**
     * The processing times of the revision timers the series set that have not fired yet,
     * ascending. The operator's timers are per device: the series acts only on its own.
     */
    public long[] revisionTimers() {
        return revisionTimers.clone();
    }

    /** Remembers a revision timer the series set; whether it was new to it. */
    boolean addRevisionTimer(long at) {
        int i = Arrays.binarySearch(revisionTimers, at);
        if (i >= 0) {
            return false;
        }
        int at0 = -i - 1;
        long[] next = new long[revisionTimers.length + 1];
        System.arraycopy(revisionTimers, 0, next, 0, at0);
        next[at0] = at;
        System.arraycopy(revisionTimers, at0, next, at0 + 1, revisionTimers.length - at0);
        revisionTimers = next;
        return true;
    }

    /**
     * The processing-time timer at {@code at} fired: whether it was one the series set (timers fire
     * in order, so any earlier one left counts too); forgets them.
     */
    boolean takeRevisionTimer(long at) {
        int fired = 0;
        while (fired < revisionTimers.length && revisionTimers[fired] <= at) {
            fired++;
        }
        if (fired == 0) {
            return false;
        }
        revisionTimers = Arrays.copyOfRange(revisionTimers, fired, revisionTimers.length);
        return true;
    }

    /** Whether the state was set; {@code false} if it already held {@code condition}. */
    boolean setCondition(ConditionEpisode condition) {
        if (condition == this.condition) {
            return false;
        }
        this.condition = condition;
        return true;
    }

    /** Whether the state was set; {@code false} if it already held {@code run}. */
    boolean setRun(FlatlineRun run) {
        if (run == this.run) {
            return false;
        }
        this.run = run;
        return true;
    }

    /** Whether nothing is held, so the entry can go. */
    boolean isEmpty() {
        // Revision timers without hours would revise nothing: they keep no entry alive.
        return condition == null && run == null && hours.isEmpty();
    }

    /** An independent copy; the parts themselves are immutable and shared. */
    public SeriesState copy() {
        // The timer array is replaced, never changed in place: it can be shared.
        return new SeriesState(condition, run, new TreeMap<>(hours), revisionTimers);
    }

    /**
     * The hours as the {@link MapState} that {@link dev.vigil.jobs.detect.hourly.HourlyAggregator}
     * works on, remembering whether it changed them.
     */
    HoursView hoursView() {
        return new HoursView();
    }

    /** The hours of this state behind the {@link MapState} interface. */
    final class HoursView implements MapState<Long, HourAccumulator> {

        private boolean changed;

        /** Whether an hour was put or removed through this view. */
        boolean changed() {
            return changed;
        }

        @Override
        public HourAccumulator get(Long key) {
            return hours.get(key);
        }

        @Override
        public void put(Long key, HourAccumulator value) {
            changed |= hours.put(key, value) != value;
        }

        @Override
        public void putAll(Map<Long, HourAccumulator> map) {
            map.forEach(this::put);
        }

        @Override
        public void remove(Long key) {
            changed |= hours.remove(key) != null;
        }

        @Override
        public boolean contains(Long key) {
            return hours.containsKey(key);
        }

        /** A snapshot, so that callers may change the hours while going through it. */
        @Override
        public Iterable<Map.Entry<Long, HourAccumulator>> entries() {
            ArrayList<Map.Entry<Long, HourAccumulator>> entries = new ArrayList<>(hours.size());
            hours.forEach((start, hour) -> entries.add(Map.entry(start, hour)));
            return entries;
        }

        @Override
        public Iterable<Long> keys() {
            return new ArrayList<>(hours.keySet());
        }

        @Override
        public Iterable<HourAccumulator> values() {
            return new ArrayList<>(hours.values());
        }

        @Override
        public Iterator<Map.Entry<Long, HourAccumulator>> iterator() {
            return entries().iterator();
        }

        @Override
        public boolean isEmpty() {
            return hours.isEmpty();
        }

        @Override
        public void clear() {
            changed |= !hours.isEmpty();
            hours.clear();
        }
    }
}
