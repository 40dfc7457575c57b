package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser UI loads its libraries from WebJars at versioned paths and its own modules by
 * relative imports; a version bump in the pom or a renamed module must not leave the page pointing
 * at nothing, which no Java compiler would notice.
 */
class UiAssetsTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '(\\.{1,2}/[^']+)'");

    @Test
    void everyAssetTheIndexPageNamesIsOnTheClasspath() throws IOException {
        String index = read("public/index.html");
        List<String> missing = new ArrayList<>();
        Matcher m = ASSET.matcher(index);
        int count = 0;
        while (m.find()) {
            count++;
            String path = m.group(1);
            String resource =
                    path.startsWith("/webjars/") ? "META-INF/resources" + path : "public" + path;
            if (getClass().getClassLoader().getResource(resource) == null) {
                missing.add(path);
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
        assertThat(missing).as("assets named by index.html but not on the classpath").isEmpty();
    }

    @Test
    void everyRelativeImportOfTheModulesResolves() throws IOException {
        List<String> modules =
                List.of(
                        "js/app.js",
                        "js/api.js",
                        "js/ui.js",
                        "js/util.js",
                        "js/stream.js",
                        "js/store.js",
                        "js/sound.js",
                        "js/lifecycle.js",
                        "js/commands.js",
                        "js/charts.js",
                        "js/views/login.js",
                        "js/views/wall.js",
                        "js/views/map.js",
                        "js/views/incident.js",
                        "js/views/source.js",
                        "js/views/sources.js",
                        "js/views/rules.js",
                        "js/views/inbox.js",
                        "js/views/users.js",
                        "js/views/audit.js",
                        "js/views/kpis.js",
                        "js/views/health.js");
        List<String> missing = new ArrayList<>();
        for (String module : modules) {
            String text = read("public/" + module);
            String dir = module.substring(0, module.lastIndexOf('/') + 1);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String target = java.net.URI.create(dir).resolve(m.group(1)).toString();
                if (getClass().getClassLoader().getResource("public/" + target) == null) {
                    missing.add(module + " -> " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theOfflineBasemapIsShipped() throws IOException {
        assertThat(read("public/geo/district.geojson")).contains("\"FeatureCollection\"");
    }

    private String read(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
