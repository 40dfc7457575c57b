package dev.vigil.ingest.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code multipart/form-data} (or {@code multipart/mixed}) body held in memory into its
 * parts (RFC 2046 / RFC 7578), with a cap on the number of parts and on each part's size, so that a
 * camera's XML-plus-JPEG push can be read without Netty and without temporary files.
 */
public final class MultipartBody {

    private static final Pattern BOUNDARY =
            Pattern.compile("(?i);\\s*boundary\\s*=\\s*(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    /** One part: its headers (names case-insensitive) and its content. */
    public record Part(int index, Map<String, String> headers, byte[] content) {

        /** The part's declared media type without parameters, lower-cased; empty if none. */
        public String contentType() {
            String type = headers.getOrDefault("Content-Type", "");
            int semicolon = type.indexOf(';');
            return (semicolon < 0 ? type : type.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
        }

        /** The {@code name} of its {@code Content-Disposition}; empty if none. */
        public String name() {
            return dispositionParameter("name");
        }

        /** The {@code filename} of its {@code Content-Disposition}; empty if none. */
        public String filename() {
            return dispositionParameter("filename");
        }

        private String dispositionParameter(String parameter) {
            String disposition = headers.getOrDefault("Content-Disposition", "");
            Matcher m =
                    Pattern.compile("(?i);\\s*" + parameter + "\\s*=\\s*(\"([^\"]*)\"|([^;\\s]*))")
                            .matcher(disposition);
            return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : "";
        }

        /** Where this part is, for error messages: {@code part[2] "fielddetectionPicture"}. */
        public String describe() {
            return "part[" + index + "]" + (name().isEmpty() ? "" : " \"" + name() + "\"");
        }
    }

    private MultipartBody() {}

    /** Whether the media type is one this class reads. */
    public static boolean isMultipart(String mediaType) {
        return mediaType.startsWith("multipart/");
    }

    /**
     * The parts of the body.
     *
     * @throws ProblemException MALFORMED when the boundary is missing or the structure broken,
     *     TOO_LARGE when a part exceeds {@code maxPartBytes} or there are more than {@code
     *     maxParts} parts
     */
    public static List<Part> parse(
            String contentTypeHeader, byte[] body, long maxPartBytes, int maxParts)
            throws ProblemException {
        Matcher m = BOUNDARY.matcher(contentTypeHeader == null ? "" : contentTypeHeader);
        if (!m.find()) {
            throw new ProblemException(
                    Problem.malformed("Content-Type", "multipart body without a boundary"));
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = firstDelimiter(body, delimiter);
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + delimiter.length;
            if (startsWith(body, after, "--")) {
                return List.copyOf(parts);
            }
            int headersStart = skipLineEnd(body, after);
            if (headersStart < 0) {
                throw malformed("a boundary line is not followed by a line end");
            }
            if (parts.size() == maxParts) {
                throw new ProblemException(
                        Problem.tooLarge("body", "more than " + maxParts + " multipart parts"));
            }
            int blank =
                    indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int contentStart = blank + 4;
            if (startsWith(body, headersStart, "\r\n") || startsWith(body, headersStart, "\n")) {
                blank = headersStart; // a part without headers
                contentStart = skipLineEnd(body, headersStart);
            }
            if (blank < 0 || blank - headersStart > MAX_HEADER_BYTES) {
                blank = indexOf(body, "\n\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                contentStart = blank + 2;
            }
            if (blank < 0 || blank - headersStart > MAX_HEADER_BYTES) {
                throw malformed("part[" + parts.size() + "] has no end of headers");
            }
            Map<String, String> headers = headers(body, headersStart, blank);
            int next = nextDelimiter(body, delimiter, contentStart);
            if (next < 0) {
                throw malformed("the body ends without the closing boundary --" + boundary + "--");
            }
            int contentEnd = next;
            if (contentEnd > contentStart && body[contentEnd - 1] == '\n') {
                contentEnd--;
                if (contentEnd > contentStart && body[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
            }
            Part part =
                    new Part(
                            parts.size(),
                            headers,
                            Arrays.copyOfRange(body, contentStart, contentEnd));
            if (part.content().length > maxPartBytes) {
                throw new ProblemException(
                        Problem.tooLarge(
                                part.describe(),
                                "the part is larger than " + maxPartBytes + " bytes"));
            }
            parts.add(part);
            at = next;
        }
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(Problem.malformed("body", detail));
    }

    private static int firstDelimiter(byte[] body, byte[] delimiter) throws ProblemException {
        if (startsWith(body, 0, delimiter)) {
            return 0;
        }
        int at = nextDelimiter(body, delimiter, 0);
        if (at < 0) {
            throw malformed("no part starts with the boundary from Content-Type");
        }
        return at;
    }

    /** The next delimiter that starts a line, at or after {@code from}; -1 if none. */
    private static int nextDelimiter(byte[] body, byte[] delimiter, int from) {
        int at = from;
        while (true) {
            int found = indexOf(body, delimiter, at);
            if (found < 0) {
                return -1;
            }
            if (found == 0 || body[found - 1] == '\n') {
                return found;
            }
            at = found + 1;
        }
    }

    private static Map<String, String> headers(byte[] body, int from, int to) {
        TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String block = new String(body, from, to - from, StandardCharsets.UTF_8);
        for (String line : block.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(
                        line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return Collections.unmodifiableMap(headers);
    }

    /** Skips optional spaces and one line end; the index after it, or -1. */
    private static int skipLineEnd(byte[] body, int at) {
        int i = at;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        if (startsWith(body, i, "\r\n")) {
            return i + 2;
        }
        return i < body.length && body[i] == '\n' ? i + 1 : -1;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        return startsWith(body, at, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        byte first = target[0];
        int last = body.length - target.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (body[i] == first && startsWith(body, i, target)) {
                return i;
            }
        }
        return -1;
    }
}
