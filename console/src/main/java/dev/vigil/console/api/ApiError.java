package dev.vigil.console.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API answers with an error instead of a result, thrown by handlers and written as
 * {@code {"error", "detail", "field"?}} with its status in one place.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String field;
    private final Long retryAfterSeconds;

    private ApiError(int status, String error, String detail, String field, Long retryAfter) {
        super(detail);
        this.status = status;
        this.error = error;
        this.field = field;
        this.retryAfterSeconds = retryAfter;
    }

    /** 400: the body or a parameter is wrong. */
    public static ApiError invalid(String field, String detail) {
        return new ApiError(400, "invalid", detail, field, null);
    }

    /**
     * 400 from a validation problem in the form {@code field: why} (as the events records' {@code
     * validate()} write them); the field is what comes before the first colon.
     */
    public static ApiError invalid(String problem) {
        int colon = problem.indexOf(": ");
        return colon > 0
                ? invalid(problem.substring(0, colon), problem.substring(colon + 2))
                : invalid(null, problem);
    }

    /** 401: no session, or it expired. */
    public static ApiError unauthenticated(String detail) {
        return new ApiError(401, "unauthenticated", detail, null, null);
    }

    /** 403: the role may not do this, or the object is not the user's. */
    public static ApiError forbidden(String detail) {
        return new ApiError(403, "forbidden", detail, null, null);
    }

    /** 404: no such object. */
    public static ApiError notFound(String detail) {
        return new ApiError(404, "not-found", detail, null, null);
    }

    /** 409: a stale version, a name taken, a state that does not allow it. */
    public static ApiError conflict(String detail) {
        return new ApiError(409, "conflict", detail, null, null);
    }

    /** 429: too many failed sign-ins; the client may retry after that many seconds. */
    public static ApiError locked(String detail, long retryAfterSeconds) {
        return new ApiError(429, "locked", detail, null, retryAfterSeconds);
    }

    /** 503: Kafka or InfluxDB did not answer in time. */
    public static ApiError unavailable(String detail) {
        return new ApiError(503, "unavailable", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    /** Seconds for {@code Retry-After}; null unless locked. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
