package dev.vigil.events;

import java.util.Objects;

/**
 * A stored piece of media evidence (snapshot, clip, complaint photo), referenced by content hash so
 * records stay small and the bytes can be verified when they are fetched.
 *
 * @param contentHash SHA-256 of the bytes, 64 lowercase hex characters
 * @param mediaType e.g. {@code image/jpeg}, {@code video/mp4}
 * @param size length of the content in bytes
 * @param path where the bytes are kept, relative to Vigil's evidence store (e.g. {@code
 *     evidence/2026/01/02/<hash>.jpg}) or an absolute URI
 */
public record EvidenceRef(String contentHash, String mediaType, long size, String path) {

    public EvidenceRef {
        if (!Sha256.isHex(contentHash)) {
            throw new IllegalArgumentException(
                    "contentHash: must be 64 lowercase hex characters, was " + contentHash);
        }
        Objects.requireNonNull(mediaType, "mediaType is required");
        if (size < 0) {
            throw new IllegalArgumentException("size: must be >= 0, was " + size);
        }
        Objects.requireNonNull(path, "path is required");
    }
}
