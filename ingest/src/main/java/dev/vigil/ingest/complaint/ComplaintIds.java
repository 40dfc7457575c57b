package dev.vigil.ingest.complaint;

import dev.vigil.events.StableId;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Complaint ids, always UUIDs: derived from the submitting system's own id (e.g. a hotline ticket
 * number) when it gives one, so a resend gets the same id and is published once; random otherwise.
 * Derived ids are RFC 9562 version-8 UUIDs over {@link StableId} of the integration and its id, so
 * two hotline systems' ticket numbers never collide.
 */
public final class ComplaintIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ComplaintIds() {}

    /** The id of the complaint the integration knows as {@code externalId}. */
    public static String derived(String integrationId, String externalId) {
        byte[] bytes = HexFormat.of().parseHex(StableId.of("complaint", integrationId, externalId));
        bytes[6] = (byte) ((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte) ((bytes[8] & 0x3F) | 0x80); // IETF variant
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8)
                + "-"
                + hex.substring(8, 12)
                + "-"
                + hex.substring(12, 16)
                + "-"
                + hex.substring(16, 20)
                + "-"
                + hex.substring(20);
    }

    /** A new random id, for submissions without an id of their own. */
    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** Whether the text has the form of a complaint id (a lowercase UUID). */
    public static boolean isWellFormed(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }
}
