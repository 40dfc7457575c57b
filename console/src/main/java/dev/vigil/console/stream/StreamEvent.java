package dev.vigil.console.stream;

import org.apache.kafka.common.TopicPartition;

/**
 * One record pushed to browsers: where it is in Kafka, its kind ({@code alert}, {@code incident},
 * {@code delivery}, {@code source}, {@code rule}), the record and its JSON.
 *
 * @param incidentId the incident it belongs to, for agency users' filter; nullable
 */
public record StreamEvent(
        TopicPartition partition,
        long offset,
        String kind,
        Object record,
        String json,
        String incidentId) {}
