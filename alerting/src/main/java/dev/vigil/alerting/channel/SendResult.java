package dev.vigil.alerting.channel;

/**
 * What one attempt got: delivered, or failed with whether trying again can help.
 *
 * @param httpStatus the receiver's status; nullable when no answer came
 */
public record SendResult(boolean delivered, boolean retryable, Integer httpStatus, String error) {
    public static SendResult ok(int status) {
        return new SendResult(true, false, status, null);
    }

    /** Classifies an HTTP status as PROTOCOLS.md says: retry on 5xx, 408 and 429 only. */
    public static SendResult ofStatus(int status, String body) {
        if (status >= 200 && status < 300) {
            return ok(status);
        }
        boolean retry = status >= 500 || status == 408 || status == 429;
        String text = body == null ? "" : body.substring(0, Math.min(200, body.length()));
        return new SendResult(false, retry, status, "HTTP " + status + " " + text);
    }

    /** No answer (timeout, refused connection): worth retrying. */
    public static SendResult unreachable(String error) {
        return new SendResult(false, true, null, error);
    }
}
