package dev.vigil.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static final Pattern IMPORT = Pattern.compile("(?:from|import) '(\\.{1,2}/[^']+)'");

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
    void everyModuleImportedFromAppJsResolves() throws IOException {
        // Walks the import graph from the entry module, as the browser does.
        Deque<String> todo = new ArrayDeque<>(List.of("js/app.js"));
        Set<String> seen = new HashSet<>();
        List<String> missing = new ArrayList<>();
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (!seen.add(module)) {
                continue;
            }
            String text = read("public/" + module);
            String dir = module.substring(0, module.lastIndexOf('/') + 1);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String target = URI.create(dir).resolve(m.group(1)).toString();
                if (getClass().getClassLoader().getResource("public/" + target) == null) {
                    missing.add(module + " -> " + m.group(1));
                } else {
                    todo.push(target);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(seen).contains("js/views/wall.js", "js/views/rules.js", "js/stream.js");
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
