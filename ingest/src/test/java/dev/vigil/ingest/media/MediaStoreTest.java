package dev.vigil.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.EvidenceRef;
import dev.vigil.events.Sha256;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaStoreTest {

    private static final byte[] JPEG = HttpFixtures.bytes("video/snapshot-smoke.jpg");
    private static final byte[] PNG = HttpFixtures.bytes("video/photo.png");

    @TempDir Path dir;

    @Test
    void storesByContentHashAndReferencesIt() throws Exception {
        MediaStore store = new MediaStore(dir.resolve("media"), 1 << 20);

        EvidenceRef ref = store.store(JPEG, "part[1]");

        assertThat(ref.contentHash()).isEqualTo(Sha256.hex(JPEG));
        assertThat(ref.mediaType()).isEqualTo("image/jpeg");
        assertThat(ref.size()).isEqualTo(JPEG.length);
        assertThat(ref.path())
                .isEqualTo(ref.contentHash().substring(0, 2) + "/" + ref.contentHash() + ".jpg");
        assertThat(Files.readAllBytes(store.root().resolve(ref.path()))).isEqualTo(JPEG);
    }

    @Test
    void theSamePictureTwiceIsStoredOnce() throws Exception {
        MediaStore store = new MediaStore(dir, 1 << 20);

        EvidenceRef first = store.store(JPEG, "a");
        EvidenceRef second = store.store(JPEG.clone(), "b");
        store.store(PNG, "c");

        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.walk(store.root())) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(2);
        }
    }

    @Test
    void pngIsRecognisedByItsMagicBytes() throws Exception {
        EvidenceRef ref = new MediaStore(dir, 1 << 20).store(PNG, "photo");

        assertThat(ref.mediaType()).isEqualTo("image/png");
        assertThat(ref.path()).endsWith(".png");
    }

    @Test
    void anythingButJpegOrPngIsRefusedWhateverItClaims() {
        MediaStore store = new MediaStore(dir, 1 << 20);
        byte[] gif = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
        byte[] script = "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);

        for (byte[] content : new byte[][] {gif, script, new byte[0], new byte[] {(byte) 0xFF}}) {
            assertThatThrownBy(() -> store.store(content, "part[2] \"picture.jpg\""))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> {
                                assertThat(e.problem().kind())
                                        .isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA_TYPE);
                                assertThat(e.problem().field())
                                        .isEqualTo("part[2] \"picture.jpg\"");
                            });
        }
    }

    @Test
    void aPictureOverTheCapIsTooLargeAndNotStored() throws Exception {
        MediaStore store = new MediaStore(dir, JPEG.length - 1);

        assertThatThrownBy(() -> store.store(JPEG, "pictures[0].data"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.TOO_LARGE));
        assertThat(store.find(Sha256.hex(JPEG))).isEmpty();
    }

    @Test
    void findsAStoredPictureByItsHashOnly() throws Exception {
        MediaStore store = new MediaStore(dir, 1 << 20);
        EvidenceRef ref = store.store(JPEG, "a");

        assertThat(store.find(ref.contentHash()))
                .hasValueSatisfying(
                        m -> {
                            assertThat(m.format()).isEqualTo(ImageFormat.JPEG);
                            assertThat(m.size()).isEqualTo(JPEG.length);
                        });
        assertThat(store.find(Sha256.hex(PNG))).isEmpty();
    }

    @Test
    void lookupIsSafeAgainstPathTraversal() throws Exception {
        MediaStore store = new MediaStore(dir.resolve("media"), 1 << 20);
        Files.writeString(dir.resolve("secret.jpg"), "not for you");
        String hash = store.store(JPEG, "a").contentHash();

        assertThat(store.find("../secret")).isEmpty();
        assertThat(store.find("..%2Fsecret")).isEmpty();
        assertThat(store.find("/etc/passwd")).isEmpty();
        assertThat(store.find(hash.toUpperCase())).isEmpty();
        assertThat(store.find(hash + ".jpg")).isEmpty();
        assertThat(store.find(hash.substring(0, 63) + "/")).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }
}
