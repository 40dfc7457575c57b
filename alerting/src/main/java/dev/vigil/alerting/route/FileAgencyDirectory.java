package dev.vigil.alerting.route;

import com.fasterxml.jackson.databind.DeserializationFeature;
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

/**
 * Reads agencies, routing rules and source facts from one JSON file (see {@code
 * agencies.example.json}); unknown keys and rules naming unknown agencies fail at load.
 */
public final class FileAgencyDirectory implements AgencyDirectory {
    /** The file's shape. */
    public record Contents(
            List<Agency> agencies, List<RoutingRule> rules, List<SourceInfo> sources) {
        public Contents {
            agencies = agencies == null ? List.of() : List.copyOf(agencies);
            rules = rules == null ? List.of() : List.copyOf(rules);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    private final Map<String, Agency> agencies;
    private final List<RoutingRule> rules;
    private final Map<String, SourceInfo> sources;

    public FileAgencyDirectory(Contents contents) {
        this.agencies =
                contents.agencies().stream()
                        .collect(Collectors.toMap(Agency::agencyId, Function.identity()));
        this.rules = contents.rules();
        this.sources =
                contents.sources().stream()
                        .collect(Collectors.toMap(SourceInfo::sourceId, Function.identity()));
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

    @Override
    public SourceInfo source(String sourceId) {
        return sources.getOrDefault(sourceId, SourceInfo.unknown(sourceId));
    }
}
