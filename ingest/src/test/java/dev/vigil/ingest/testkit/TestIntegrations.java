package dev.vigil.ingest.testkit;

import dev.vigil.events.integration.Integration;
import dev.vigil.events.integration.Integration.Kind;
import dev.vigil.events.integration.Integration.Scope;
import java.time.Instant;
import java.util.List;

/** Integrations with known credentials, for tests. */
public final class TestIntegrations {

    public static final String NVR_KEY = "nvr-plant7-key-0f9c2e7a51b44d6c8e2f";
    public static final String HOTLINE_SECRET = "hotline-12345-secret-aaaaaaaaaaaaaaaa";
    public static final String ANALYTICS_SECRET = "analytics-box-secret-bbbbbbbbbbbbbbbbb";
    public static final String CONSOLE_KEY = "console-media-key-7d1c0b9e4a";
    public static final String DISABLED_KEY = "disabled-key-0000000000";

    private TestIntegrations() {}

    /** An NVR with an API key, allowed video. */
    public static Integration nvr() {
        return integration("nvr-plant7", Kind.NVR, List.of(Scope.VIDEO), NVR_KEY, null, false);
    }

    /** A hotline system that signs its requests, allowed complaints. */
    public static Integration hotline() {
        return integration(
                "hotline-12345",
                Kind.HOTLINE,
                List.of(Scope.COMPLAINTS),
                null,
                HOTLINE_SECRET,
                false);
    }

    /** A video analytics box that signs its requests, allowed video. */
    public static Integration analytics() {
        return integration(
                "aibox-7",
                Kind.VIDEO_ANALYTICS,
                List.of(Scope.VIDEO),
                null,
                ANALYTICS_SECRET,
                false);
    }

    /** The console, allowed to read media. */
    public static Integration console() {
        return integration("console", Kind.CONSOLE, List.of(Scope.MEDIA), CONSOLE_KEY, null, false);
    }

    /** A switched-off camera group. */
    public static Integration disabled() {
        return integration(
                "old-cameras", Kind.CAMERA_GROUP, List.of(Scope.VIDEO), DISABLED_KEY, null, true);
    }

    /** All of the above. */
    public static List<Integration> all() {
        return List.of(nvr(), hotline(), analytics(), console(), disabled());
    }

    /** An integration with these credentials. */
    public static Integration integration(
            String id,
            Kind kind,
            List<Scope> scopes,
            String apiKey,
            String secret,
            boolean disabled) {
        return new Integration(
                id,
                id,
                kind,
                scopes,
                apiKey == null ? null : Integration.hashApiKey(apiKey),
                secret,
                disabled,
                1,
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
