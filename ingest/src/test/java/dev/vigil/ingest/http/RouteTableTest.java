package dev.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable<String> table =
            new RouteTable<>(
                    new LinkedHashMap<>(
                            Map.of(
                                    "POST /api/complaints", "submit",
                                    "GET /api/complaints/{id}", "status",
                                    "GET /api/complaints/stats", "stats",
                                    "GET /api/media/{sha256}", "media")));

    @Test
    void literalPathsMatchExactly() {
        assertThat(table.match("POST", "/api/complaints"))
                .hasValueSatisfying(m -> assertThat(m.handler()).isEqualTo("submit"));
        assertThat(table.match("POST", "/api/complaints/")).isEmpty();
    }

    @Test
    void namedSegmentsBindOneNonEmptySegment() {
        assertThat(table.match("GET", "/api/complaints/42"))
                .hasValueSatisfying(
                        m -> {
                            assertThat(m.handler()).isEqualTo("status");
                            assertThat(m.pathParams()).containsExactly(Map.entry("id", "42"));
                        });
        assertThat(table.match("GET", "/api/complaints/")).isEmpty();
        assertThat(table.match("GET", "/api/complaints/42/more")).isEmpty();
        assertThat(table.match("GET", "/api/media/../../etc/passwd")).isEmpty();
    }

    @Test
    void literalRoutesWinOverPatterns() {
        assertThat(table.match("GET", "/api/complaints/stats"))
                .hasValueSatisfying(m -> assertThat(m.handler()).isEqualTo("stats"));
    }

    @Test
    void methodsForAPathFeedTheAllowHeader() {
        assertThat(table.match("DELETE", "/api/complaints/42")).isEmpty();
        assertThat(table.methodsFor("/api/complaints/42")).containsExactly("GET");
        assertThat(table.methodsFor("/api/complaints")).containsExactly("POST");
        assertThat(table.methodsFor("/nowhere")).isEmpty();
    }

    @Test
    void keysWithoutMethodOrSlashAreRefused() {
        assertThatThrownBy(() -> new RouteTable<>(Map.of("/health", "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("METHOD /path");
        assertThatThrownBy(() -> new RouteTable<>(Map.of("GET health", "h")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
