package dev.vigil.ingest.media;

import java.util.Optional;

/**
 * The picture formats Vigil stores as evidence, recognised by their first bytes (never by the
 * sender's declared type or file name).
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    private final String mediaType;
    private final String extension;
    private final byte[] magic;

    ImageFormat(String mediaType, String extension, byte[] magic) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.magic = magic;
    }

    /** E.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The file extension the store uses, e.g. {@code jpg}. */
    public String extension() {
        return extension;
    }

    /** The format whose magic bytes the content starts with. */
    public static Optional<ImageFormat> sniff(byte[] content) {
        for (ImageFormat format : values()) {
            if (startsWith(content, format.magic)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
