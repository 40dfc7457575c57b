package dev.vigil.ingest.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request as the ingest endpoints see it, copied out of Netty's buffers so that endpoint
 * logic runs (and is tested) without Netty and off the event loop.
 *
 * @param method e.g. {@code POST}
 * @param path the decoded path without the query, e.g. {@code /api/complaints/42}
 * @param pathParams values of the route's {@code {name}} segments
 * @param query query parameters by name
 * @param headers header values by name (looked up case-insensitively; the first value of each)
 * @param body the request body; callers must not modify the array
 * @param remoteAddress the client's address as {@code host:port}; nullable
 */
public record HttpCall(
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        String remoteAddress) {

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        pathParams = Map.copyOf(pathParams == null ? Map.of() : pathParams);
        query = Map.copyOf(query == null ? Map.of() : query);
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseless.putAll(headers);
        }
        headers = Collections.unmodifiableMap(caseless);
        body = body == null ? new byte[0] : body;
    }

    /** The header's value, or {@code null}; names are case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The value of a {@code {name}} segment of the route. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The client's host without the port, for per-address rate limits; "unknown" if not known. */
    public String remoteHost() {
        if (remoteAddress == null) {
            return "unknown";
        }
        int colon = remoteAddress.lastIndexOf(':');
        return colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
    }

    /** The media type of the body without parameters, lower-cased; empty when not given. */
    public String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon))
                .trim()
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** Shows method, path, address and body length; never headers (credentials) or the body. */
    @Override
    public String toString() {
        return "HttpCall["
                + method
                + " "
                + path
                + " from "
                + remoteAddress
                + ", "
                + body.length
                + " bytes]";
    }
}
