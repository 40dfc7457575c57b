package dev.vigil.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flink is up when its REST API answers and every job Vigil expects is RUNNING; the report lists
 * each expected job's state (MISSING when the cluster does not know it).
 */
public final class FlinkHealthCheck implements HealthCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI overview;
    private final Set<String> expectedJobs;
    private final Duration timeout;
    private final HttpClient client;

    public FlinkHealthCheck(String restUrl, Set<String> expectedJobs, Duration timeout) {
        this.overview = URI.create(restUrl + "/jobs/overview");
        this.expectedJobs = Set.copyOf(expectedJobs);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "flink";
    }

    @Override
    public ComponentHealth check() {
        JsonNode root;
        try {
            HttpResponse<String> response =
                    client.send(
                            HttpRequest.newBuilder(overview).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return ComponentHealth.down(overview + " answered " + response.statusCode());
            }
            root = MAPPER.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted");
        } catch (IOException | RuntimeException e) {
            return ComponentHealth.down(overview + " unreachable: " + e.getClass().getSimpleName());
        }
        // A job name may appear several times (earlier runs that were cancelled or failed): the
        // newest run decides.
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        for (JsonNode job : root.path("jobs")) {
            String name = job.path("name").asText();
            JsonNode seen = newest.get(name);
            if (seen == null
                    || job.path("start-time").asLong() > seen.path("start-time").asLong()) {
                newest.put(name, job);
            }
        }
        List<ComponentHealth.JobState> jobs = new ArrayList<>();
        boolean allRunning = true;
        for (String name : expectedJobs.stream().sorted().toList()) {
            JsonNode job = newest.get(name);
            String state = job == null ? "MISSING" : job.path("state").asText();
            jobs.add(new ComponentHealth.JobState(name, state));
            allRunning &= "RUNNING".equals(state);
        }
        return new ComponentHealth(
                allRunning ? ComponentHealth.Status.UP : ComponentHealth.Status.DOWN,
                allRunning ? "all jobs running" : "not every job is running",
                jobs);
    }
}
