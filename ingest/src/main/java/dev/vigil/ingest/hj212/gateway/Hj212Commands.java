package dev.vigil.ingest.hj212.gateway;

/**
 * Sorts the command codes (CN) a data logger sends into what the gateway does with them.
 *
 * <p>Uploads are every {@code 2xxx} code except 2012 and 2022 (platform commands that stop
 * real-time and status uploads), which covers the standard's 2011, 2021, 2031, 2041, 2051, 2061,
 * 2081, 2005's 2071/2072, 2025's 2013/2052/2062/2111 and the non-standard 2073 seen in real
 * traffic, plus 3020 (HJ 212-2017's upload of field-instrument information). Heartbeats are the
 * non-standard 8013 and 9015 (2025 made 9015 its heartbeat). 9011..9014 from a device answer the
 * platform's own commands (such as the 1012 set-time the gateway sends).
 */
enum Hj212Commands {
    /** Data to publish as a report. */
    UPLOAD,
    /** Keeps the connection alive; not data. */
    HEARTBEAT,
    /** 1013: the device asks for the time. */
    TIME_REQUEST,
    /** The device's answer to a platform command. */
    INTERACTION,
    /** Anything else: parameter answers (1011, 1061...), control codes, unknown codes. */
    OTHER;

    /** The 2005 alarm event, a notification answered with 9013 instead of 9014. */
    static final String ALARM_EVENT = "2072";

    /** Sorts one command code. */
    static Hj212Commands of(String cn) {
        if (cn.length() != 4) {
            return OTHER;
        }
        return switch (cn) {
            case "2012", "2022" -> OTHER;
            case "3020" -> UPLOAD;
            case "8013", "9015" -> HEARTBEAT;
            case "1013" -> TIME_REQUEST;
            case "9011", "9012", "9013", "9014" -> INTERACTION;
            default -> cn.charAt(0) == '2' && isDigits(cn) ? UPLOAD : OTHER;
        };
    }

    private static boolean isDigits(String cn) {
        for (int i = 0; i < cn.length(); i++) {
            if (cn.charAt(i) < '0' || cn.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
