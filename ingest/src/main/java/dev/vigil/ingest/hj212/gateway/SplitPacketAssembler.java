package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.Sha256;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reassembles split packets (Flag D=1 with PNUM/PNO) into one report per whole frame, in bounded
 * memory.
 *
 * <p>The contract on {@code vigil.reports}, which consumers rely on:
 *
 * <ul>
 *   <li>Every part is published as soon as it arrives, as its own report with {@code packetCount}
 *       (PNUM) and {@code packetNumber} (PNO) set, and answered (9014) once it is durable: records
 *       with {@code packetNumber != null} are raw parts, which consumers that want whole frames
 *       skip.
 *   <li>When all parts with the same MN + CN + DataTime + PNUM have arrived, one merged report
 *       follows the last part: {@code packetNumber} and {@code packetCount} are both null (the
 *       events contract allows only both or neither), {@code flag} is the parts' Flag, so its D bit
 *       is still set (that is how a merged record is told from a frame that was never split); it
 *       carries the pollutants of all parts in PNO order, their fields and warnings merged, no QN
 *       (each part had its own), the receive time of the last part, and as {@code rawDigest} the
 *       SHA-256 of the parts' digests joined by commas in PNO order. The last part is answered only
 *       once both it and the merged report are durable.
 *   <li>A set still incomplete {@code timeout} after its first part, or pushed out because more
 *       than {@code maxParts} parts are waiting, is dropped and counted; its parts stay in Kafka,
 *       no merged report follows.
 *   <li>A part whose PNO is outside 1..PNUM, or whose PNUM alone exceeds {@code maxParts}, is
 *       published as a part but never merged.
 * </ul>
 *
 * <p>Thread-safe; shared by all connections because a device may resend the rest of a set after
 * reconnecting.
 */
final class SplitPacketAssembler {

    /** A completed set: the merged report and the parts it was made of. */
    record Merged(Report report, List<Report> parts) {}

    private final int maxParts;
    private final Duration timeout;
    private final GatewayMetrics metrics;

    /** Open sets, oldest first. */
    private final LinkedHashMap<Key, OpenSet> open = new LinkedHashMap<>();

    private int heldParts;

    SplitPacketAssembler(int maxParts, Duration timeout, GatewayMetrics metrics) {
        this.maxParts = maxParts;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /**
     * Adds a part that arrived at {@code now}; returns the merged report when it completes its set,
     * else null.
     */
    synchronized Merged add(Report part, Instant now) {
        expire(now);
        Integer count = part.packetCount();
        Integer number = part.packetNumber();
        if (count == null || number == null || number < 1 || number > count || count > maxParts) {
            return null;
        }
        Key key = Key.of(part);
        OpenSet set = open.get(key);
        if (set == null) {
            set = new OpenSet(now);
            open.put(key, set);
        }
        if (set.parts.put(number, part) == null) {
            heldParts++;
        }
        if (set.parts.size() == count) {
            open.remove(key);
            heldParts -= count;
            List<Report> parts = List.copyOf(set.parts.values());
            metrics.splitSetMerged();
            return new Merged(merge(parts), parts);
        }
        while (heldParts > maxParts && !open.isEmpty()) {
            dropOldest();
        }
        return null;
    }

    /** Forgets a part whose publication failed, so that its resend completes the set. */
    synchronized void retract(Report part) {
        if (part.packetNumber() == null) {
            return;
        }
        OpenSet set = open.get(Key.of(part));
        if (set != null && set.parts.get(part.packetNumber()) == part) {
            set.parts.remove(part.packetNumber());
            heldParts--;
            if (set.parts.isEmpty()) {
                open.remove(Key.of(part));
            }
        }
    }

    /**
     * Reopens a completed set whose merged report (or last part) was not stored, keeping every part
     * but {@code failedPart}, so that the device's resend of that part completes it again.
     */
    synchronized void reopen(Merged merged, Report failedPart, Instant now) {
        Key key = Key.of(failedPart);
        OpenSet set = open.computeIfAbsent(key, k -> new OpenSet(now));
        for (Report part : merged.parts()) {
            if (part != failedPart && set.parts.putIfAbsent(part.packetNumber(), part) == null) {
                heldParts++;
            }
        }
    }

    /** Drops sets whose first part is older than the timeout. */
    synchronized void expire(Instant now) {
        Instant limit = now.minus(timeout);
        Iterator<OpenSet> sets = open.values().iterator();
        while (sets.hasNext()) {
            OpenSet set = sets.next();
            if (!set.firstSeen.isBefore(limit)) {
                break;
            }
            sets.remove();
            heldParts -= set.parts.size();
            metrics.splitSetExpired();
        }
    }

    /** Parts of incomplete sets held now. */
    synchronized int heldParts() {
        return heldParts;
    }

    private void dropOldest() {
        Iterator<OpenSet> sets = open.values().iterator();
        OpenSet oldest = sets.next();
        sets.remove();
        heldParts -= oldest.parts.size();
        metrics.splitSetExpired();
    }

    private static Report merge(List<Report> parts) {
        Report first = parts.get(0);
        Report last = parts.get(parts.size() - 1);
        List<Pollutant> pollutants = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        List<String> digests = new ArrayList<>(parts.size());
        Instant receivedAt = first.receivedAt();
        for (Report part : parts) {
            pollutants.addAll(part.pollutants());
            fields.putAll(part.fields());
            warnings.addAll(part.warnings());
            digests.add(part.rawDigest());
            if (part.receivedAt().isAfter(receivedAt)) {
                receivedAt = part.receivedAt();
            }
        }
        return new Report(
                first.mn(),
                first.protocol(),
                first.cn(),
                first.st(),
                null,
                last.flag(),
                first.dataTime(),
                receivedAt,
                pollutants,
                fields,
                null,
                null,
                List.copyOf(warnings),
                Sha256.hex(String.join(",", digests).getBytes(StandardCharsets.US_ASCII)));
    }

    /** What identifies a set: MN + CN + DataTime + PNUM. */
    private record Key(String mn, String cn, Instant dataTime, int packetCount) {
        static Key of(Report part) {
            return new Key(
                    part.mn(),
                    part.cn(),
                    part.dataTime(),
                    Objects.requireNonNull(part.packetCount(), "packetCount"));
        }
    }

    private static final class OpenSet {
        final Instant firstSeen;
        final TreeMap<Integer, Report> parts = new TreeMap<>();

        OpenSet(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }
}
