package dev.vigil.jobs.readings;

import static dev.vigil.jobs.readings.TestReports.HOUR;
import static dev.vigil.jobs.readings.TestReports.SAMPLED;
import static dev.vigil.jobs.readings.TestReports.report;
import static dev.vigil.jobs.readings.TestReports.rtd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.FlinkExtension;
import dev.vigil.embedded.junit.InfluxExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.influx.InfluxRows;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import dev.vigil.jobs.kafka.TopicSources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The readings job end to end at parallelism 2: reports produced to a real Kafka broker become
 * points in a real influxd, tagged with the source and outlet of the registry on {@code
 * vigil.sources}, through the job running unbounded with checkpoints on a MiniCluster.
 */
class ReadingsJobIT {

    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension()
                    .withTopics(
                            TopicSpec.of(Topics.REPORTS.name(), 2),
                            TopicSpec.compacted(Topics.SOURCES.name(), 1));

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension static final FlinkExtension FLINK = new FlinkExtension();

    /**
     * How long the job may take to start and read the registry: deploying a job on a MiniCluster
     * takes seconds on an idle machine and tens of seconds on a loaded one.
     */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    /**
     * How long expected points may take once the job runs: the unregistered device's wait ({@link
     * ReadingsJob#UNREGISTERED_WAIT}, 10 s) plus checkpoints and the sink's flush, with room for a
     * loaded machine.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final String WATER = "010000A8900016F000169DC0";
    private static final String AIR = "LD130131000211";
    private static final long SAMPLED_MS = SAMPLED.toEpochMilli();
    private static final long HOUR_MS = HOUR.toEpochMilli();

    /** The water device is registered at the fixture source; the air device at none. */
    private static final Source REGISTRY = Fixtures.source(Fixtures.SOURCE, WATER, INTERVAL, 1);

    private static final Where AT_SOURCE = new Where(Fixtures.SOURCE, Fixtures.OUTLET, null);
    private static final Where UNREGISTERED = new Where(AIR, AIR, "false");

    @Test
    void readingsOfReportsInKafkaBecomeExactlyOnePointEachInInfluxDb() throws Exception {
        // GIVEN the water device registered at a source and outlet, the air device nowhere;
        // in Kafka before the job starts: an hourly report (one value in fault), a heartbeat
        // and a record that is not a report at all; after it: a real-time report (one flag
        // missing), the same again and a report without DataTime
        Report realtime =
                report(WATER, "2011", SAMPLED, rtd("w01001", 7.1, "N"), rtd("w01018", 2.2, null));
        Report hourly =
                report(
                        AIR,
                        "2061",
                        HOUR,
                        new Pollutant(
                                "a21026", null, 16.4, 17.5, 20.1, null, null, null, null, 63.0, "N",
                                null, null, null),
                        new Pollutant(
                                "a21002", null, null, 140.2, null, null, null, null, null, null,
                                "D", null, null, null));
        Report heartbeat = report(AIR, "8013", null);
        Report withoutTime = report(WATER, "2011", null, rtd("w01018", 99.0, "N"));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(
                    new ProducerRecord<>(
                            Topics.SOURCES.name(), REGISTRY.sourceId(), Json.toBytes(REGISTRY)));
            send(producer, hourly);
            send(producer, heartbeat);
            producer.send(
                    new ProducerRecord<>(
                            Topics.REPORTS.name(),
                            WATER,
                            "{not a report".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            // WHEN the job runs, unbounded, as in production, and the registered device reports
            // once the job has read the registry
            JobClient job = ReadingsJob.submit(FLINK.environment(), config());
            try {
                // A registered device's report that reached the job before its registration would
                // wait only UNREGISTERED_WAIT, in wall-clock time, for it: on a loaded machine the
                // registry could lose that race, and the points be written as unregistered.
                awaitRegistryRead(job);
                send(producer, realtime);
                send(producer, realtime);
                send(producer, withoutTime);
                producer.flush();

                // THEN every reading is one point with its tags, values and DataTime, the
                // registered device's under its source and outlet, the other's (after waiting
                // for a registration that never came) under its MN, marked unregistered
                List<Map<String, Object>> expected =
                        List.of(
                                row(
                                        AT_SOURCE,
                                        WATER,
                                        "realtime",
                                        "w01001",
                                        "N",
                                        SAMPLED_MS,
                                        "rtd",
                                        7.1,
                                        true),
                                row(
                                        AT_SOURCE,
                                        WATER,
                                        "realtime",
                                        "w01018",
                                        "N",
                                        SAMPLED_MS,
                                        "rtd",
                                        2.2,
                                        true),
                                withValues(
                                        row(
                                                UNREGISTERED,
                                                AIR,
                                                "hourly",
                                                "a21026",
                                                "N",
                                                HOUR_MS,
                                                "avg",
                                                17.5,
                                                true),
                                        Map.of("min", 16.4, "max", 20.1, "cou", 63.0)),
                                row(
                                        UNREGISTERED,
                                        AIR,
                                        "hourly",
                                        "a21002",
                                        "D",
                                        HOUR_MS,
                                        "avg",
                                        140.2,
                                        false));
                List<Map<String, Object>> rows = awaitRows(job, expected);
                assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

                // WHEN the same report arrives once more, followed on its partition by a new one
                Report next =
                        report(WATER, "2011", SAMPLED.plusSeconds(30), rtd("w01018", 3.3, "N"));
                send(producer, realtime);
                send(producer, next);
                producer.flush();

                // THEN the new reading appears, and the repeated one is still a single point
                List<Map<String, Object>> expectedNext = new ArrayList<>(expected);
                expectedNext.add(
                        row(
                                AT_SOURCE,
                                WATER,
                                "realtime",
                                "w01018",
                                "N",
                                SAMPLED_MS + 30_000,
                                "rtd",
                                3.3,
                                true));
                rows = awaitRows(job, expectedNext);
                assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedNext);
                assertThat(rows)
                        .filteredOn(
                                r -> r.get("time").equals(SAMPLED_MS) && WATER.equals(r.get("mn")))
                        .hasSize(2);
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static JobsConfig config() {
        return new JobsConfig(
                KAFKA.bootstrapServers(),
                new InfluxSinkConfig(
                        INFLUX.url(), INFLUX.database(), null, null, 100, Duration.ofMillis(100)),
                Duration.ofMillis(500),
                FlinkExtension.PARALLELISM);
    }

    /** The source tags a point should carry; {@code registered} is {@code null} when absent. */
    private record Where(String source, String outlet, String registered) {}

    private static Map<String, Object> row(
            Where where,
            String mn,
            String kind,
            String pollutant,
            String flag,
            long time,
            String field,
            double value,
            boolean valid) {
        Map<String, Object> row = new HashMap<>();
        row.put("time", time);
        row.put("source", where.source());
        row.put("outlet", where.outlet());
        if (where.registered() != null) {
            row.put("registered", where.registered());
        }
        row.put("mn", mn);
        row.put("pollutant", pollutant);
        row.put("kind", kind);
        row.put("flag", flag);
        row.put(field, value);
        row.put("valid", valid);
        return row;
    }

    private static Map<String, Object> withValues(
            Map<String, Object> row, Map<String, Object> values) {
        row.putAll(values);
        return row;
    }

    /**
     * Waits until InfluxDB holds every expected point (points are only ever added or overwritten,
     * so the caller then checks that there are no others), or fails saying which are missing.
     */
    private static List<Map<String, Object>> awaitRows(
            JobClient job, List<Map<String, Object>> expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Map<String, Object>> rows;
        while (true) {
            rows = InfluxRows.query(INFLUX.server(), INFLUX.database(), "SELECT * FROM reading");
            if (rows.containsAll(expected)) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        List<Map<String, Object>> missing = new ArrayList<>(expected);
        missing.removeAll(rows);
        throw new AssertionError(
                "InfluxDB did not get the expected points within "
                        + PATIENCE
                        + " (job "
                        + job.getJobStatus().get(10, TimeUnit.SECONDS)
                        + "); missing "
                        + missing
                        + "; it has "
                        + rows);
    }

    /**
     * Waits until the job's registry reader committed the registry's one record, which it does when
     * a checkpoint taken after that record completed: every operator, the resolver included, then
     * holds the device's registration.
     */
    private static void awaitRegistryRead(JobClient job) throws Exception {
        String group = TopicSources.registryGroup(ReadingsJob.GROUP_ID);
        TopicPartition registry = new TopicPartition(Topics.SOURCES.name(), 0);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            while (true) {
                OffsetAndMetadata committed =
                        admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS)
                                .get(registry);
                if (committed != null && committed.offset() >= 1) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "the job ("
                                    + job.getJobStatus().get(10, TimeUnit.SECONDS)
                                    + ") had"
                                    + " not read the registry within "
                                    + STARTUP
                                    + ": group "
                                    + group
                                    + " committed "
                                    + committed
                                    + " on "
                                    + registry);
                }
                Thread.sleep(200);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, Report report) {
        producer.send(
                new ProducerRecord<>(
                        Topics.REPORTS.name(), Topics.REPORTS.keyOf(report), Json.toBytes(report)));
    }
}
