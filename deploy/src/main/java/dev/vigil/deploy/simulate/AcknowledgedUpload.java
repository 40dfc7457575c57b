package dev.vigil.deploy.simulate;

import java.time.Instant;

/**
 * An upload the platform confirmed with a 9014 answer, reported to a fleet's listener in the order
 * each logger received the answers.
 *
 * @param mn the logger
 * @param qn the request number the upload was sent (and answered) under
 * @param cn the upload's command code
 * @param dataTime the upload's DataTime
 */
public record AcknowledgedUpload(String mn, String qn, String cn, Instant dataTime) {}
