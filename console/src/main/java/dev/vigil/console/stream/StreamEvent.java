package dev.vigil.console.stream;

import org.apache.kafka.common.TopicPartition;

/**
 * One record pushed to browsers: where it is in Kafka, its kind ({@code alert}, {@code incident},
 * {@code delivery}, {@code source}, {@code rule}), its JSON, and the ids agency users' filter
 * needs; small, because the hub keeps many of them for resuming clients.
 *
 * @param incidentId the incident an incident event or delivery belongs to; nullable
 * @param alertId the alert's id, for alerts; nullable
 * @param agencyId the receiving agency, for deliveries; nullable
 */
public record StreamEvent(
        TopicPartition partition,
        long offset,
        String kind,
        String json,
        String incidentId,
        String alertId,
        String agencyId) {}
