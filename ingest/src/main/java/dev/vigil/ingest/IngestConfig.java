package dev.vigil.ingest;

/** The ingest service's settings: where its servers listen and which Kafka it publishes to. */
public record IngestConfig(
        String bindAddress, int hj212Port, int httpPort, String bootstrapServers) {}
