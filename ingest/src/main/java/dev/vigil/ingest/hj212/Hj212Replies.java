package dev.vigil.ingest.hj212;

import java.time.Instant;
import java.util.Objects;

/**
 * Builds the frames the platform sends back to a data logger: the 9014 data answer, the 9013
 * notification answer, the 9011 request answer and the 1012 set-time command, each in the form of
 * the device's edition (2005 devices get the QN and CN they sent inside CP, without a Flag).
 */
public final class Hj212Replies {

    /** The QnRtn codes of a 9011 request answer. */
    public enum QnRtn {
        READY(1),
        REFUSED(2),
        PASSWORD_ERROR(3),
        MN_ERROR(4),
        ST_ERROR(5),
        FLAG_ERROR(6),
        QN_ERROR(7),
        CN_ERROR(8),
        CRC_ERROR(9),
        UNKNOWN(100);

        private final int code;

        QnRtn(int code) {
            this.code = code;
        }

        /** Returns the number sent on the wire. */
        public int code() {
            return code;
        }
    }

    private static final String INTERACTION = "91";

    private Hj212Replies() {}

    /**
     * 9014 data answer to an upload with A=1, echoing its QN: 2017/2025 {@code
     * QN=..;ST=91;CN=9014;PW=..;MN=..;Flag=4;CP=&&&&}, 2005 {@code
     * ST=91;CN=9014;PW=..;MN=..;CP=&&QN=..;CN=2051&&}.
     */
    public static byte[] dataAnswer(Hj212Message upload) {
        if (upload.protocol() == Hj212Version.HJ212_2005) {
            return Hj212Encoder.encode(
                    head2005("9014", upload)
                            + "CP=&&"
                            + qnItem(upload)
                            + "CN="
                            + upload.cn()
                            + "&&");
        }
        return Hj212Encoder.encode(head("9014", upload) + "CP=&&&&");
    }

    /** 9013 notification answer (to 1013, or 2005's 2072), echoing the notification's QN. */
    public static byte[] notificationAnswer(Hj212Message notification) {
        if (notification.protocol() == Hj212Version.HJ212_2005) {
            String qn = qn(notification);
            return Hj212Encoder.encode(
                    head2005("9013", notification)
                            + "CP=&&"
                            + (qn == null ? "" : "QN=" + qn)
                            + "&&");
        }
        return Hj212Encoder.encode(head("9013", notification) + "CP=&&&&");
    }

    /** 9011 request answer carrying {@code QnRtn}, echoing the request's QN. */
    public static byte[] requestAnswer(Hj212Message request, QnRtn result) {
        if (request.protocol() == Hj212Version.HJ212_2005) {
            return Hj212Encoder.encode(
                    head2005("9011", request)
                            + "Flag=0;CP=&&"
                            + qnItem(request)
                            + "QnRtn="
                            + result.code()
                            + "&&");
        }
        return Hj212Encoder.encode(head("9011", request) + "CP=&&QnRtn=" + result.code() + "&&");
    }

    /**
     * 1012 set-time command answering a time-calibration request (1013): a new QN and the
     * SystemTime from {@code now} in China Standard Time, with A=1; a PolId in the request is
     * repeated so that the right instrument is set.
     */
    public static byte[] setTime(Hj212Message request, Instant now) {
        Objects.requireNonNull(now, "now");
        String polId = request.field("PolId");
        String st = request.st() == null ? INTERACTION : request.st();
        return Hj212Encoder.encode(
                "QN="
                        + Hj212Time.formatMillis(now)
                        + ";ST="
                        + st
                        + ";CN=1012;PW="
                        + password(request)
                        + ";MN="
                        + request.mn()
                        + ";Flag="
                        + request.protocol().flag(true, false)
                        + ";CP=&&"
                        + (polId == null ? "" : "PolId=" + polId + ";")
                        + "SystemTime="
                        + Hj212Time.formatSeconds(now)
                        + "&&");
    }

    private static String head(String cn, Hj212Message request) {
        String qn = qn(request);
        return (qn == null ? "" : "QN=" + qn + ";")
                + "ST="
                + INTERACTION
                + ";CN="
                + cn
                + ";PW="
                + password(request)
                + ";MN="
                + request.mn()
                + ";Flag="
                + request.protocol().flag(false, false)
                + ";";
    }

    private static String head2005(String cn, Hj212Message request) {
        return "ST="
                + INTERACTION
                + ";CN="
                + cn
                + ";PW="
                + password(request)
                + ";MN="
                + request.mn()
                + ";";
    }

    private static String qnItem(Hj212Message request) {
        String qn = qn(request);
        return qn == null ? "" : "QN=" + qn + ";";
    }

    /** The request's QN; 2005 notifications such as 1013 carry it inside CP. */
    private static String qn(Hj212Message request) {
        return request.qn() != null ? request.qn() : request.field("QN");
    }

    private static String password(Hj212Message request) {
        return request.pw() == null ? "" : request.pw();
    }
}
