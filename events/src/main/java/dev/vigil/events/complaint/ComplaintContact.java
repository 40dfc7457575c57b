package dev.vigil.events.complaint;

import java.util.Objects;

/**
 * How to reach the citizen behind a complaint, kept on the restricted, compacted {@code
 * vigil.complaint-contacts} topic so agencies never see it and a tombstone erases it.
 *
 * <p>{@link #toString()} leaves the personal details out so they never end up in logs.
 *
 * @param complaintId the complaint these details belong to, the Kafka key
 * @param name nullable
 * @param phone nullable
 * @param email nullable
 */
public record ComplaintContact(String complaintId, String name, String phone, String email) {

    public ComplaintContact {
        Objects.requireNonNull(complaintId, "complaintId is required");
    }

    @Override
    public String toString() {
        return "ComplaintContact[complaintId="
                + complaintId
                + ", name="
                + redacted(name)
                + ", phone="
                + redacted(phone)
                + ", email="
                + redacted(email)
                + "]";
    }

    private static String redacted(String value) {
        return value == null ? "null" : "***";
    }
}
