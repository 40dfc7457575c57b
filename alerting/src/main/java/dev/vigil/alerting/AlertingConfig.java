package dev.vigil.alerting;

/** The alerting service's settings: which Kafka to read and where its health check listens. */
public record AlertingConfig(
        String bootstrapServers, String groupId, String healthBindAddress, int healthPort) {}
