package dev.vigil.alerting.channel;

/** Where a message stands in an incident's conversation with one agency (CAP's msgType). */
public enum MessageType {
    ALERT,
    UPDATE,
    CANCEL
}
