package dev.vigil.ingest.http;

import java.util.Objects;

/**
 * Why a request cannot be accepted, as a value: the kind decides the HTTP status, {@code field}
 * says where (a JSON path, an XML element, a header or a multipart part) and {@code detail} what
 * was wrong, in words the sender's integrator can act on. Never holds secrets or contact details.
 *
 * @param kind what kind of problem it is
 * @param field where it is; nullable when it concerns the request as a whole
 * @param detail what was wrong
 */
public record Problem(Kind kind, String field, String detail) {

    /** Kinds of problems, each with its HTTP status and the {@code error} code clients see. */
    public enum Kind {
        /** Not well-formed (XML, JSON, multipart) or not the expected structure. */
        MALFORMED(400, "malformed"),
        /** Well-formed, but a value is missing, out of range or not allowed. */
        INVALID(422, "invalid"),
        /** No credentials, unknown or bad credentials, or a stale signature. */
        UNAUTHORIZED(401, "unauthorized"),
        /** Valid credentials without the scope the endpoint needs. */
        FORBIDDEN(403, "forbidden"),
        /** Nothing stored under that id, or no such endpoint. */
        NOT_FOUND(404, "not-found"),
        /** The path exists, but not for this method. */
        METHOD_NOT_ALLOWED(405, "method-not-allowed"),
        /** The body, a part or a picture is larger than allowed. */
        TOO_LARGE(413, "too-large"),
        /** A content type or picture format that is not accepted. */
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
        /** The client sent more than its rate allows. */
        RATE_LIMITED(429, "rate-limited"),
        /** A bug or an unexpected failure inside ingest. */
        INTERNAL(500, "internal"),
        /** Kafka or the registry is not available; try again later. */
        UNAVAILABLE(503, "unavailable");

        private final int status;
        private final String error;

        Kind(int status, String error) {
            this.status = status;
            this.error = error;
        }

        /** The HTTP status code. */
        public int status() {
            return status;
        }

        /** The {@code error} code in the JSON body. */
        public String error() {
            return error;
        }
    }

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public static Problem malformed(String field, String detail) {
        return new Problem(Kind.MALFORMED, field, detail);
    }

    public static Problem invalid(String field, String detail) {
        return new Problem(Kind.INVALID, field, detail);
    }

    public static Problem tooLarge(String field, String detail) {
        return new Problem(Kind.TOO_LARGE, field, detail);
    }

    public static Problem unsupported(String field, String detail) {
        return new Problem(Kind.UNSUPPORTED_MEDIA_TYPE, field, detail);
    }

    /** {@code field: detail}, or just the detail, for dead-letter reasons and logs. */
    public String describe() {
        return field == null ? detail : field + ": " + detail;
    }
}
