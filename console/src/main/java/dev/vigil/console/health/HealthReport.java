package dev.vigil.console.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/** The answer of {@code GET /api/health}: overall status and each component's state. */
public record HealthReport(
        ComponentHealth.Status status, Instant checkedAt, Map<String, ComponentHealth> components) {

    public HealthReport {
        components = Map.copyOf(components);
    }

    @JsonIgnore
    public boolean isUp() {
        return status == ComponentHealth.Status.UP;
    }
}
