package dev.vigil.alerting.route;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads agencies and routing rules from one JSON file (see {@code agencies.example.json}); unknown
 * keys and rules naming unknown agencies fail at load.
 *
 * <p>Source facts (kind, area, street, groups, location) come from the registry on {@code
 * vigil.sources} ({@link RegistrySources}), which environmental staff keep current. Files written
 * for the first version carried a copy in {@code sources[]}: such a file still loads, its copy is
 * ignored and start-up says so, since a second, stale copy would route differently from the
 * registry.
 */
public final class FileAgencyDirectory implements AgencyDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(FileAgencyDirectory.class);

    /**
     * The file's shape.
     *
     * @param sources no longer read (source facts come from the registry); accepted so that files
     *     of the first version still load
     */
    public record Contents(List<Agency> agencies, List<RoutingRule> rules, List<JsonNode> sources) {
        public Contents {
            agencies = agencies == null ? List.of() : List.copyOf(agencies);
            rules = rules == null ? List.of() : List.copyOf(rules);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        /** Agencies and rules alone, as a file of this version holds them. */
        public Contents(List<Agency> agencies, List<RoutingRule> rules) {
            this(agencies, rules, null);
        }
    }

    private final Map<String, Agency> agencies;
    private final List<RoutingRule> rules;

    public FileAgencyDirectory(Contents contents) {
        this.agencies =
                contents.agencies().stream()
                        .collect(Collectors.toMap(Agency::agencyId, Function.identity()));
        this.rules = contents.rules();
        if (!contents.sources().isEmpty()) {
            LOG.warn(
                    "The agency file's sources[] ({} entries) is ignored: routing takes area,"
                            + " street, groups and location from the source registry"
                            + " (vigil.sources); remove the section from the file",
                    contents.sources().size());
        }
        for (RoutingRule rule : rules) {
            if (!agencies.containsKey(rule.agencyId())) {
                throw new IllegalArgumentException(
                        "rules[" + rule.ruleId() + "].agencyId: unknown agency " + rule.agencyId());
            }
        }
    }

    /** Loads the file at {@code path}. */
    public static FileAgencyDirectory load(Path path) {
        ObjectMapper mapper =
                Json.mapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return new FileAgencyDirectory(
                    mapper.readValue(Files.readAllBytes(path), Contents.class));
        } catch (IOException e) {
            throw new UncheckedIOException("agency file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Agency> agency(String agencyId) {
        return Optional.ofNullable(agencies.get(agencyId));
    }

    @Override
    public Optional<Agency> byApiKey(String apiKey) {
        if (apiKey == null) {
            return Optional.empty();
        }
        byte[] presented = apiKey.getBytes(StandardCharsets.UTF_8);
        return agencies.values().stream()
                .filter(
                        a ->
                                a.apiKey() != null
                                        && MessageDigest.isEqual(
                                                a.apiKey().getBytes(StandardCharsets.UTF_8),
                                                presented))
                .findFirst();
    }

    @Override
    public List<RoutingRule> rules() {
        return rules;
    }
}
