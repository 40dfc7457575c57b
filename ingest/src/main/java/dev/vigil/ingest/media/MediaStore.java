package dev.vigil.ingest.media;

import dev.vigil.events.EvidenceRef;
import dev.vigil.events.Sha256;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps pictures sent as evidence on disk, content-addressed by SHA-256 under {@code <root>/<first
 * two hex digits>/<sha256>.<jpg|png>}, so the same picture sent twice is stored once and records in
 * Kafka carry only an {@link EvidenceRef}. Only JPEG and PNG are accepted (by their magic bytes),
 * each at most {@code maxBytes}. A file is written to a temporary name, forced to disk and moved
 * into place atomically, so a reader never sees half a picture.
 */
public final class MediaStore {

    /** A stored picture found by its hash. */
    public record StoredMedia(String contentHash, ImageFormat format, Path file, long size) {}

    private final Path root;
    private final long maxBytes;

    public MediaStore(Path root, long maxBytes) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
            Files.createDirectories(this.root.resolve(".incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the media folder " + root, e);
        }
        this.maxBytes = maxBytes;
    }

    /** The folder pictures are kept in. */
    public Path root() {
        return root;
    }

    /**
     * Checks a picture without storing it.
     *
     * @param field where the picture is in the request, for the problem's {@code field}
     * @throws ProblemException TOO_LARGE or UNSUPPORTED_MEDIA_TYPE
     */
    public ImageFormat check(byte[] content, String field) throws ProblemException {
        if (content.length > maxBytes) {
            throw new ProblemException(
                    Problem.tooLarge(field, "the picture is larger than " + maxBytes + " bytes"));
        }
        return ImageFormat.sniff(content)
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        Problem.unsupported(
                                                field,
                                                "not a JPEG or PNG picture (checked by its first"
                                                        + " bytes)")));
    }

    /**
     * Stores the picture unless it is there already, and returns its reference.
     *
     * @throws ProblemException TOO_LARGE or UNSUPPORTED_MEDIA_TYPE, see {@link #check}
     * @throws UncheckedIOException when the disk refuses the write
     */
    public EvidenceRef store(byte[] content, String field) throws ProblemException {
        ImageFormat format = check(content, field);
        String hash = Sha256.hex(content);
        String relative = hash.substring(0, 2) + "/" + hash + "." + format.extension();
        Path target = root.resolve(relative);
        if (!Files.exists(target)) {
            write(content, target);
        }
        return new EvidenceRef(hash, format.mediaType(), content.length, relative);
    }

    /** The stored picture with this hash; empty for an unknown or malformed hash. */
    public Optional<StoredMedia> find(String hash) {
        if (!Sha256.isHex(hash)) {
            return Optional.empty(); // only [0-9a-f]{64} ever becomes part of a path
        }
        for (ImageFormat format : ImageFormat.values()) {
            Path file = root.resolve(hash.substring(0, 2)).resolve(hash + "." + format.extension());
            if (Files.isRegularFile(file) && file.normalize().startsWith(root)) {
                try {
                    return Optional.of(new StoredMedia(hash, format, file, Files.size(file)));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void write(byte[] content, Path target) {
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(root.resolve(".incoming"), "media-", ".part");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            // another request stored the same picture first: same hash, same bytes
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a picture in " + root, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }
}
