package dev.vigil.alerting.route;

import java.util.List;
import java.util.Objects;

/**
 * A linked agency that receives dispatches, with its endpoints and the API key it answers with.
 *
 * @param agencyId the agency's id, as in commands and deliveries
 * @param name for people
 * @param apiKey the key the agency presents on the inbound API
 * @param endpoints where its dispatches go, one per channel
 */
public record Agency(String agencyId, String name, String apiKey, List<Endpoint> endpoints) {
    public Agency {
        Objects.requireNonNull(agencyId, "agencyId is required");
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
