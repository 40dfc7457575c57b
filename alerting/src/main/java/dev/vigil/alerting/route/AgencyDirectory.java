package dev.vigil.alerting.route;

import java.util.List;
import java.util.Optional;

/**
 * Where alerting learns the agencies, their endpoints and credentials, and the routing rules; what
 * it knows of sources comes from the registry instead ({@link SourceDirectory}).
 */
public interface AgencyDirectory {
    Optional<Agency> agency(String agencyId);

    /** The agency presenting this inbound API key, if any. */
    Optional<Agency> byApiKey(String apiKey);

    List<RoutingRule> rules();
}
