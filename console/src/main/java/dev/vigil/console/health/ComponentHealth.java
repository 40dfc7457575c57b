package dev.vigil.console.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * The state of one component: up or down, a human-readable detail, and per-job states for Flink.
 */
public record ComponentHealth(Status status, String detail, List<JobState> jobs) {

    /** Up or down; anything not proven up is down. */
    public enum Status {
        UP,
        DOWN
    }

    /** A Flink job's name and its state as Flink reports it (RUNNING, RESTARTING, ...). */
    public record JobState(String name, String state) {}

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        jobs = jobs == null ? null : List.copyOf(jobs);
    }

    public static ComponentHealth up(String detail) {
        return new ComponentHealth(Status.UP, detail, null);
    }

    public static ComponentHealth down(String detail) {
        return new ComponentHealth(Status.DOWN, detail, null);
    }

    @JsonIgnore
    public boolean isUp() {
        return status == Status.UP;
    }
}
