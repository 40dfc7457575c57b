package dev.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    private static final byte[] HIKVISION =
            HttpFixtures.bytes("video/hikvision/fielddetection-multipart.bin");

    @Test
    void splitsHikvisionsXmlAndPictureParts() throws Exception {
        List<MultipartBody.Part> parts =
                MultipartBody.parse(HttpFixtures.HIKVISION_MULTIPART, HIKVISION, 1 << 20, 10);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("fielddetection");
        assertThat(parts.get(0).contentType()).isEqualTo("application/xml");
        assertThat(parts.get(0).content())
                .isEqualTo(HttpFixtures.bytes("video/hikvision/fielddetection-ver20.xml"));
        assertThat(parts.get(1).filename()).isEqualTo("fielddetectionPicture.jpg");
        assertThat(parts.get(1).contentType()).isEqualTo("image/jpeg");
        assertThat(parts.get(1).content())
                .isEqualTo(HttpFixtures.bytes("video/snapshot-region.jpg"));
        assertThat(parts.get(1).describe()).isEqualTo("part[1] \"fielddetectionPicture\"");
    }

    @Test
    void acceptsAQuotedBoundaryAPreambleAndBareLineFeeds() throws Exception {
        byte[] body =
                ("preamble to ignore\n--b0undary\nContent-Disposition: form-data; name=\"a\"\n\n"
                                + "one\n--b0undary\n\ntwo\n--b0undary--\n")
                        .getBytes(StandardCharsets.US_ASCII);

        List<MultipartBody.Part> parts =
                MultipartBody.parse("multipart/mixed; boundary=\"b0undary\"", body, 100, 10);

        assertThat(parts)
                .extracting(p -> new String(p.content(), StandardCharsets.US_ASCII))
                .containsExactly("one", "two");
        assertThat(parts.get(0).name()).isEqualTo("a");
    }

    @Test
    void aPartLargerThanItsCapIsTooLargeAndNamed() {
        assertThatThrownBy(
                        () ->
                                MultipartBody.parse(
                                        HttpFixtures.HIKVISION_MULTIPART, HIKVISION, 600, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.TOO_LARGE);
                            assertThat(e.problem().field()).isEqualTo("part[0] \"fielddetection\"");
                        });
    }

    @Test
    void tooManyPartsAreTooLarge() {
        assertThatThrownBy(
                        () ->
                                MultipartBody.parse(
                                        HttpFixtures.HIKVISION_MULTIPART, HIKVISION, 1 << 20, 1))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.TOO_LARGE));
    }

    @Test
    void brokenStructureIsMalformed() {
        byte[] truncated = java.util.Arrays.copyOf(HIKVISION, HIKVISION.length - 30);

        assertThatThrownBy(() -> MultipartBody.parse("multipart/form-data", HIKVISION, 1 << 20, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().field()).isEqualTo("Content-Type"));
        assertThatThrownBy(
                        () ->
                                MultipartBody.parse(
                                        HttpFixtures.HIKVISION_MULTIPART, truncated, 1 << 20, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED);
                            assertThat(e.problem().detail()).contains("closing boundary");
                        });
        assertThatThrownBy(
                        () ->
                                MultipartBody.parse(
                                        "multipart/form-data; boundary=other",
                                        HIKVISION,
                                        1 << 20,
                                        10))
                .isInstanceOf(ProblemException.class);
    }
}
