package dev.vigil.deploy.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One node of a scenario file (a map, a list or a scalar kept as the text that was written, so that
 * {@code code: 011} stays {@code "011"}) whose accessors fail with a {@link ScenarioException}
 * naming the file, line and path of the field.
 */
final class YamlNode {

    /** What a node holds. */
    enum Kind {
        MAP,
        LIST,
        SCALAR,
        NULL
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String file;
    private final String path;
    private final int line;
    private final Kind kind;
    private final String text;
    private final Map<String, YamlNode> fields;
    private final List<YamlNode> items;

    private YamlNode(
            String file,
            String path,
            int line,
            Kind kind,
            String text,
            Map<String, YamlNode> fields,
            List<YamlNode> items) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.kind = kind;
        this.text = text;
        this.fields = fields;
        this.items = items;
    }

    /** Reads a whole YAML document; {@code file} is the name used in messages. */
    static YamlNode parse(String yaml, String file) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(file + ": the file is empty");
            }
            YamlNode root = read(parser, file, "");
            if (root.kind != Kind.MAP) {
                throw new ScenarioException(
                        file + ":" + root.line + ": expected a map of scenario fields at the top");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ScenarioException(
                    file
                            + ":"
                            + e.getLocation().getLineNr()
                            + ": not valid YAML: "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static YamlNode read(JsonParser parser, String file, String path) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int fieldLine = parser.currentTokenLocation().getLineNr();
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                if (fields.containsKey(name)) {
                    throw new ScenarioException(
                            file + ":" + fieldLine + ": " + fieldPath + ": appears twice");
                }
                parser.nextToken();
                fields.put(name, read(parser, file, fieldPath));
            }
            return new YamlNode(
                    file,
                    path,
                    line,
                    Kind.MAP,
                    null,
                    Collections.unmodifiableMap(fields),
                    List.of());
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, file, path + "[" + items.size() + "]"));
            }
            return new YamlNode(
                    file,
                    path,
                    line,
                    Kind.LIST,
                    null,
                    Map.of(),
                    Collections.unmodifiableList(items));
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode(file, path, line, Kind.NULL, null, Map.of(), List.of());
        }
        return new YamlNode(file, path, line, Kind.SCALAR, parser.getText(), Map.of(), List.of());
    }

    /** The field's path from the top of the file, e.g. {@code profiles.water.pollutants[1]}. */
    String path() {
        return path;
    }

    /** The line the node starts on, counted from 1. */
    int line() {
        return line;
    }

    /** Whether this map has the field and its value is not null. */
    boolean has(String name) {
        YamlNode child = fields.get(name);
        return child != null && child.kind != Kind.NULL;
    }

    /** The field of this map, or null when it is absent or null. */
    YamlNode field(String name) {
        requireKind(Kind.MAP, "a map");
        YamlNode child = fields.get(name);
        return child == null || child.kind == Kind.NULL ? null : child;
    }

    /** The names of this map's fields, in file order. */
    Set<String> names() {
        requireKind(Kind.MAP, "a map");
        return fields.keySet();
    }

    /** Fails when this map has a field not in {@code allowed}, naming it and the allowed ones. */
    YamlNode allowOnly(String... allowed) {
        requireKind(Kind.MAP, "a map");
        List<String> names = List.of(allowed);
        for (Map.Entry<String, YamlNode> field : fields.entrySet()) {
            if (!names.contains(field.getKey())) {
                throw field.getValue()
                        .problem(
                                "unknown field (expected one of " + String.join(", ", names) + ")");
            }
        }
        return this;
    }

    /** The required field of this map. */
    YamlNode required(String name) {
        YamlNode child = field(name);
        if (child == null) {
            throw new ScenarioException(
                    file + ":" + line + ": " + childPath(name) + ": is required");
        }
        return child;
    }

    /** This scalar's text as written. */
    String text() {
        requireKind(Kind.SCALAR, "a single value");
        return text;
    }

    /** The text of an optional field, or {@code fallback}. */
    String text(String name, String fallback) {
        YamlNode child = field(name);
        return child == null ? fallback : child.text();
    }

    /** This scalar as a finite number. */
    double number() {
        String value = text();
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem("expected a number, got '" + value + "'");
    }

    /** This scalar as a number of at least {@code min}. */
    double number(double min) {
        double number = number();
        if (number < min) {
            throw problem("must be >= " + plain(min) + ", was " + text());
        }
        return number;
    }

    /** This scalar as a whole number between {@code min} and {@code max}. */
    long integer(long min, long max) {
        String value = text();
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw problem("expected a whole number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw problem("must be between " + min + " and " + max + ", was " + value);
        }
        return number;
    }

    /** This scalar as a duration ({@code 30s}, {@code 10m}, {@code PT1H}). */
    Duration duration() {
        try {
            return DurationText.parse(text());
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage());
        }
    }

    /** This scalar as a positive duration. */
    Duration positiveDuration() {
        Duration duration = duration();
        if (duration.isZero() || duration.isNegative()) {
            throw problem("must be longer than 0s");
        }
        return duration;
    }

    /** This scalar as {@code true} or {@code false} (also yes/no, on/off). */
    boolean bool() {
        return switch (text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem("expected true or false, got '" + text + "'");
        };
    }

    /** This scalar as one of an enum's constants, written in lower case with dashes. */
    <E extends Enum<E>> E choice(Class<E> type) {
        String value = text();
        for (E constant : type.getEnumConstants()) {
            if (spelled(constant).equalsIgnoreCase(value)
                    || constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> spellings = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            spellings.add(spelled(constant));
        }
        throw problem("expected one of " + String.join(", ", spellings) + ", got '" + value + "'");
    }

    /** How a constant is written in scenario files: lower case with dashes. */
    static String spelled(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** This list's items; a missing list is empty. */
    List<YamlNode> items() {
        requireKind(Kind.LIST, "a list");
        return items;
    }

    /** The items of an optional list field; empty when it is absent. */
    List<YamlNode> items(String name) {
        YamlNode child = field(name);
        return child == null ? List.of() : child.items();
    }

    /** A problem with this node's value, located at its line and path. */
    ScenarioException problem(String message) {
        return new ScenarioException(file + ":" + line + ": " + path + ": " + message);
    }

    private void requireKind(Kind expected, String description) {
        if (kind != expected) {
            throw problem("expected " + description + ", got " + describe());
        }
    }

    private String describe() {
        return switch (kind) {
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "nothing";
            case SCALAR -> "'" + text + "'";
        };
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
