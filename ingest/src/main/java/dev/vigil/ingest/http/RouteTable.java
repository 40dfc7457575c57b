package dev.vigil.ingest.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the handler for a method and path among routes keyed {@code "METHOD /path"}, where a path
 * segment written {@code {name}} matches any one non-empty segment and is handed over by name (e.g.
 * {@code "GET /api/complaints/{id}"}); literal routes win over patterns.
 *
 * @param <H> the handler type
 */
public final class RouteTable<H> {

    /** A handler found for a request, with the values of its {@code {name}} segments. */
    public record Match<H>(H handler, Map<String, String> pathParams) {}

    private record Route<H>(String method, String[] segments, H handler) {}

    private final Map<String, H> literal = new LinkedHashMap<>();
    private final List<Route<H>> patterns = new ArrayList<>();

    /** Builds the table; a key without a method and a path starting with '/' is refused. */
    public RouteTable(Map<String, ? extends H> routes) {
        routes.forEach(this::add);
    }

    private void add(String key, H handler) {
        int space = key.indexOf(' ');
        if (space < 1 || space + 1 >= key.length() || key.charAt(space + 1) != '/') {
            throw new IllegalArgumentException(
                    "route key must be \"METHOD /path\", was \"" + key + "\"");
        }
        String method = key.substring(0, space);
        String path = key.substring(space + 1);
        if (path.contains("{")) {
            patterns.add(new Route<>(method, segments(path), handler));
        } else {
            literal.put(method + " " + path, handler);
        }
    }

    /** The handler for this method and path, if any. */
    public Optional<Match<H>> match(String method, String path) {
        H exact = literal.get(method + " " + path);
        if (exact != null) {
            return Optional.of(new Match<>(exact, Map.of()));
        }
        String[] actual = segments(path);
        for (Route<H> route : patterns) {
            if (route.method().equals(method)) {
                Map<String, String> params = bind(route.segments(), actual);
                if (params != null) {
                    return Optional.of(new Match<>(route.handler(), params));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods some route answers on this path, for a 405's {@code Allow} header. */
    public Set<String> methodsFor(String path) {
        Set<String> methods = new TreeSet<>();
        literal.keySet().stream()
                .filter(key -> key.substring(key.indexOf(' ') + 1).equals(path))
                .forEach(key -> methods.add(key.substring(0, key.indexOf(' '))));
        String[] actual = segments(path);
        for (Route<H> route : patterns) {
            if (bind(route.segments(), actual) != null) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static Map<String, String> bind(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), actual[i]);
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return Map.copyOf(params);
    }

    private static String[] segments(String path) {
        return path.split("/", -1);
    }
}
