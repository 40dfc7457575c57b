package dev.vigil.deploy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Vigil's settings, read once at start-up from {@code vigil.yaml} and {@code VIGIL_*} environment
 * variables (which win), each checked against {@link Settings}; anything unknown or invalid stops
 * start-up with a message naming the key.
 */
public final class VigilConfig {
    private final Map<String, Object> values;
    private final Map<String, String> origins;

    private VigilConfig(Map<String, Object> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** The defaults alone, as if {@code vigil.yaml} were empty and no variable set. */
    public static VigilConfig defaults() {
        return load(null, Map.of());
    }

    /** Reads {@code file} (may be null or absent) and then {@code environment} over it. */
    public static VigilConfig load(Path file, Map<String, String> environment) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (file != null && Files.exists(file)) {
            readYaml(file)
                    .forEach(
                            (k, v) -> {
                                texts.put(k, v);
                                origins.put(k, file.getFileName().toString());
                            });
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.all()) {
            String origin = origins.getOrDefault(setting.key(), "default");
            String text = texts.getOrDefault(setting.key(), setting.defaultText());
            String fromEnv = environment.get(setting.environmentVariable());
            if (fromEnv != null) {
                text = fromEnv;
                origin = setting.environmentVariable();
            }
            origins.put(setting.key(), origin);
            values.put(setting.key(), setting.parse(text, origin));
        }
        return new VigilConfig(values, origins);
    }

    /** The typed value of a setting. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) Objects.requireNonNull(values.get(setting.key()), setting.key());
    }

    /** Where a setting's value came from: "default", the file name, or the variable's name. */
    public String origin(Setting<?> setting) {
        return origins.get(setting.key());
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    file
                            + ": not valid YAML at line "
                            + e.getLocation().getLineNr()
                            + ": "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of settings at the top level");
        }
        flatten(file, "", root, flat);
        return flat;
    }

    private static void flatten(Path file, String prefix, JsonNode node, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (!isKnownPrefix(key)) {
                    throw unknown(file, key);
                }
                flatten(file, key, value, out);
            } else if (value.isArray()) {
                throw new ConfigException(file + ": " + key + ": a list is not allowed here");
            } else {
                if (Settings.all().stream().noneMatch(s -> s.key().equals(key))) {
                    throw unknown(file, key);
                }
                out.put(key, value.isNull() ? "" : value.asText());
            }
        }
    }

    private static boolean isKnownPrefix(String prefix) {
        return Settings.all().stream().anyMatch(s -> s.key().startsWith(prefix + "."));
    }

    private static ConfigException unknown(Path file, String key) {
        String hint =
                Settings.all().stream()
                        .map(Setting::key)
                        .filter(k -> similar(k, key))
                        .findFirst()
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
        return new ConfigException(file + ": unknown key '" + key + "'" + hint);
    }

    private static boolean similar(String known, String typed) {
        return distance(known, typed) <= Math.max(2, typed.length() / 6);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
