package dev.vigil.console.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.Json;
import dev.vigil.events.account.Account;
import dev.vigil.events.incident.IncidentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agencies operators dispatch to: those of the alerting service's agency file when one is
 * configured (only ids and names are read, never their keys), else every agency named by an account
 * or a dispatch.
 */
public final class AgencyDirectory {

    /** An agency as the console lists it. */
    public record Agency(String agencyId, String name) {}

    private final List<Agency> fromFile;
    private final ConsoleState state;

    /**
     * @param file the agencies file; nullable
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not the alerting service's format
     */
    public AgencyDirectory(Path file, ConsoleState state) {
        this.state = state;
        this.fromFile = file == null ? null : read(file);
    }

    /** Every agency, by id. */
    public List<Agency> agencies() {
        if (fromFile != null) {
            return fromFile;
        }
        Map<String, Agency> byId = new TreeMap<>();
        for (Account account : state.accounts()) {
            if (account.agencyId() != null) {
                byId.put(account.agencyId(), new Agency(account.agencyId(), account.agencyId()));
            }
        }
        for (List<IncidentEvent> timeline : state.timelines().values()) {
            for (IncidentEvent event : timeline) {
                event.agencyIds().forEach(id -> byId.putIfAbsent(id, new Agency(id, id)));
            }
        }
        return List.copyOf(byId.values());
    }

    private static List<Agency> read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agencies file " + file, e);
        }
        if (root == null || !root.path("agencies").isArray()) {
            throw new IllegalArgumentException(file + ": no \"agencies\" list");
        }
        Map<String, Agency> byId = new TreeMap<>();
        for (JsonNode agency : root.path("agencies")) {
            String id = agency.path("agencyId").asText("");
            if (id.isBlank()) {
                throw new IllegalArgumentException(file + ": an agency without agencyId");
            }
            byId.put(id, new Agency(id, agency.path("name").asText(id)));
        }
        return List.copyOf(byId.values());
    }
}
