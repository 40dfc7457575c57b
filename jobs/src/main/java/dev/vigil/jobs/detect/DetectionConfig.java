package dev.vigil.jobs.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The tunable semantics of the detection job, with the defaults HJ 212 platforms use; tests shrink
 * the times so that a scenario runs in seconds.
 *
 * @param offlineFactor a device is offline after this many real-time intervals of silence
 * @param flatlineReadings this many identical valid real-time values in a row are a flatline
 * @param hourlyMinValidFraction share of a device's expected real-time values that must be valid
 *     for a computed hourly average to count (PROTOCOLS.md: 75 % for flue gas)
 * @param hourCloseDelay event time after the end of an hour that detection waits for the device's
 *     own hourly upload (CN 2061) before judging the hour
 * @param mismatchTolerance relative difference between a device's hourly upload and the average of
 *     its own real-time values beyond which a data-mismatch alert fires
 * @param outOfOrderness how far behind the newest data time of a Kafka partition the watermark
 *     trails
 * @param maxClockAhead a DataTime later than its receive time plus this is absurd: it neither moves
 *     the watermark nor is judged (it goes to the dead-letter topic)
 * @param backlogAfter a value received this long after its interval ended is backlog: it revises
 *     hourly results but never fires a live alert
 * @param allowedLateness how long after an hour its result can still be revised (and how long a
 *     water series' hours are held for the water rule of its daily values: a day or more for that
 *     to see the whole day)
 * @param revisionDelay processing time that late values are collected before a revision is emitted,
 *     so a backlog upload gives one revision instead of one per value
 * @param sourceIdleness a Kafka partition without data for this long no longer holds back the
 *     watermark
 * @param minVideoConfidence video events below this confidence raise no alert
 * @param videoEpisodeTimeout a video episode without an END event is resolved after this long
 * @param unregisteredDeviceWait how long reports of a device unknown to the registry wait for its
 *     registration before they go to the dead-letter topic
 * @param complaintRegistryWait how long a complaint waits for the registry to name a source near it
 * @param evidenceLimit the most evidence entries an alert carries (the latest ones)
 */
public record DetectionConfig(
        double offlineFactor,
        int flatlineReadings,
        double hourlyMinValidFraction,
        Duration hourCloseDelay,
        double mismatchTolerance,
        Duration outOfOrderness,
        Duration maxClockAhead,
        Duration backlogAfter,
        Duration allowedLateness,
        Duration revisionDelay,
        Duration sourceIdleness,
        double minVideoConfidence,
        Duration videoEpisodeTimeout,
        Duration unregisteredDeviceWait,
        Duration complaintRegistryWait,
        int evidenceLimit)
        implements Serializable {

    /** The production defaults. */
    public static final DetectionConfig DEFAULTS =
            new DetectionConfig(
                    2.0,
                    10,
                    0.75,
                    Duration.ofMinutes(5),
                    0.10,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(10),
                    Duration.ofHours(48),
                    Duration.ofSeconds(2),
                    Duration.ofMinutes(1),
                    0.5,
                    Duration.ofHours(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    10);

    public DetectionConfig {
        require(
                offlineFactor > 0 && Double.isFinite(offlineFactor),
                "offlineFactor",
                offlineFactor);
        require(flatlineReadings >= 2, "flatlineReadings", flatlineReadings);
        require(
                hourlyMinValidFraction > 0 && hourlyMinValidFraction <= 1,
                "hourlyMinValidFraction",
                hourlyMinValidFraction);
        require(
                mismatchTolerance >= 0 && Double.isFinite(mismatchTolerance),
                "mismatchTolerance",
                mismatchTolerance);
        require(
                minVideoConfidence >= 0 && minVideoConfidence <= 1,
                "minVideoConfidence",
                minVideoConfidence);
        require(evidenceLimit >= 1, "evidenceLimit", evidenceLimit);
        positive(hourCloseDelay, "hourCloseDelay");
        notNegative(outOfOrderness, "outOfOrderness");
        notNegative(maxClockAhead, "maxClockAhead");
        positive(backlogAfter, "backlogAfter");
        positive(allowedLateness, "allowedLateness");
        positive(revisionDelay, "revisionDelay");
        positive(sourceIdleness, "sourceIdleness");
        positive(videoEpisodeTimeout, "videoEpisodeTimeout");
        positive(unregisteredDeviceWait, "unregisteredDeviceWait");
        positive(complaintRegistryWait, "complaintRegistryWait");
        if (allowedLateness.compareTo(hourCloseDelay) <= 0) {
            throw new IllegalArgumentException(
                    "allowedLateness must be longer than hourCloseDelay, was "
                            + allowedLateness
                            + " <= "
                            + hourCloseDelay);
        }
    }

    private static void require(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": out of range, was " + value);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " is required");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name + " is required");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
