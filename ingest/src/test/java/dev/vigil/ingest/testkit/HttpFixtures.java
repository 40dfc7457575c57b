package dev.vigil.ingest.testkit;

import dev.vigil.ingest.http.HttpCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixture files from {@code src/test/resources} and requests built from them. */
public final class HttpFixtures {

    /** The boundary of the Hikvision multipart fixture. */
    public static final String HIKVISION_MULTIPART = "multipart/form-data; boundary=MIME_boundary";

    private HttpFixtures() {}

    /** A resource's bytes, e.g. {@code video/hikvision/fielddetection-ver20.xml}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = HttpFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST with this content type and body, from 10.0.0.1. */
    public static HttpCall post(String path, String contentType, byte[] body) {
        return post(path, contentType, body, Map.of());
    }

    /** A POST with this content type, body and more headers, from 10.0.0.1. */
    public static HttpCall post(
            String path, String contentType, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        return new HttpCall("POST", path, Map.of(), Map.of(), all, body, "10.0.0.1:50112");
    }
}
