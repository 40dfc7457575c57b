package dev.vigil.deploy.simulate;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.ingest.hj212.Hj212Crc;
import dev.vigil.ingest.hj212.Hj212Encoder;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Replies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Writes the frames one simulated data logger sends: its uploads with the header of its edition
 * (QN, ST, CN, PW, MN, Flag with A=1), answers to the platform's commands, and the broken input a
 * scenario injects (frames with a wrong CRC, runs of garbage).
 */
final class FrameWriter {

    /** HJ 212's longest data segment. */
    static final int MAX_DATA_LENGTH = 1024;

    private static final byte[] QN_KEY = ascii("QN=");
    private static final byte[] CP_END = ascii("&&");

    private final DeviceSpec device;
    private final int flag;

    /** {@code ;ST=..;CN=}: what follows the QN of every upload, up to the CN. */
    private final byte[] beforeCn;

    /** {@code ;PW=..;MN=..;Flag=..;CP=&&}: what follows the CN, up to the CP's content. */
    private final byte[] afterCn;

    FrameWriter(DeviceSpec device) {
        this.device = device;
        this.flag = flag(device.protocol());
        this.beforeCn = ascii(";ST=" + device.st() + ";CN=");
        this.afterCn =
                ascii(
                        ";PW="
                                + device.password()
                                + ";MN="
                                + device.mn()
                                + ";Flag="
                                + flag
                                + ";CP=&&");
    }

    /** The Flag of uploads: the edition's version bits with A=1 (answer required). */
    static int flag(ProtocolVersion protocol) {
        return switch (protocol) {
            case HJ212_2005 -> 1;
            case HJ212_2017 -> 5;
            case HJ212_2025 -> 9;
        };
    }

    /** The data segment of an upload under request number {@code qn}. */
    String dataSegment(Upload upload, String qn) {
        return "QN="
                + qn
                + ";ST="
                + device.st()
                + ";CN="
                + upload.cn()
                + ";PW="
                + device.password()
                + ";MN="
                + device.mn()
                + ";Flag="
                + flag
                + ";CP=&&"
                + upload.cp()
                + "&&";
    }

    /**
     * The complete frame of an upload under request number {@code qn}: the bytes of {@link
     * #dataSegment} framed as {@link Hj212Encoder} does, written straight into the frame from the
     * device's precomputed header parts (a simulator writes thousands a second).
     */
    byte[] frame(Upload upload, String qn) {
        String cn = upload.cn();
        String cp = upload.cp();
        int length =
                QN_KEY.length
                        + qn.length()
                        + beforeCn.length
                        + cn.length()
                        + afterCn.length
                        + cp.length()
                        + CP_END.length;
        if (!isAscii(qn) || !isAscii(cn) || !isAscii(cp) || length > 9999) {
            return Hj212Encoder.encode(dataSegment(upload, qn)); // not expected; the general way
        }
        byte[] frame = Hj212Encoder.newFrame(length);
        int at = Hj212Frame.DATA_OFFSET;
        at = put(QN_KEY, frame, at);
        at = put(qn, frame, at);
        at = put(beforeCn, frame, at);
        at = put(cn, frame, at);
        at = put(afterCn, frame, at);
        at = put(cp, frame, at);
        put(CP_END, frame, at);
        return Hj212Encoder.seal(frame);
    }

    private static int put(byte[] bytes, byte[] frame, int at) {
        System.arraycopy(bytes, 0, frame, at, bytes.length);
        return at + bytes.length;
    }

    private static int put(String text, byte[] frame, int at) {
        for (int i = 0; i < text.length(); i++) {
            frame[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The frame of an upload with a CRC that does not match its data segment. */
    byte[] badCrcFrame(Upload upload, String qn) {
        byte[] frame = frame(upload, qn);
        int crcAt = frame.length - 6;
        int crc = Hj212Crc.parse(frame, crcAt);
        Hj212Crc.write(crc ^ 0x5A5A, frame, crcAt);
        return frame;
    }

    /** The 9011 request answer (QnRtn) to a command from the platform. */
    byte[] requestAnswer(Hj212Message command, Hj212Replies.QnRtn result) {
        return Hj212Replies.requestAnswer(command, result);
    }

    /** The 9012 execution result (ExeRtn=1, done) of a command from the platform. */
    byte[] executionDone(Hj212Message command) {
        String qn = command.qn() != null ? command.qn() : command.field("QN");
        if (device.protocol() == ProtocolVersion.HJ212_2005) {
            return Hj212Encoder.encode(
                    "ST=91;CN=9012;PW="
                            + device.password()
                            + ";MN="
                            + device.mn()
                            + ";CP=&&"
                            + (qn == null ? "" : "QN=" + qn + ";")
                            + "ExeRtn=1&&");
        }
        return Hj212Encoder.encode(
                (qn == null ? "" : "QN=" + qn + ";")
                        + "ST=91;CN=9012;PW="
                        + device.password()
                        + ";MN="
                        + device.mn()
                        + ";Flag="
                        + (flag & ~1)
                        + ";CP=&&ExeRtn=1&&");
    }

    /**
     * A run of 20 to 200 bytes that is no frame: random bytes without {@code #}, CR or LF, ended by
     * CRLF, as a line with electrical noise or a confused modem sends.
     */
    static byte[] garbage(RandomGenerator random) {
        int length = 20 + random.nextInt(181);
        byte[] bytes = new byte[length + 2];
        for (int i = 0; i < length; i++) {
            byte b;
            do {
                b = (byte) random.nextInt(256);
            } while (b == '#' || b == '\r' || b == '\n');
            bytes[i] = b;
        }
        bytes[length] = '\r';
        bytes[length + 1] = '\n';
        return bytes;
    }

    /**
     * The length of the longest data segment this device can send: an hourly upload with every
     * value at its maximum.
     */
    static int longestDataSegment(DeviceSpec device) {
        CpText cp = new CpText(Instant.EPOCH);
        for (PollutantSpec pollutant : device.pollutants()) {
            double widest = Math.max(Math.abs(pollutant.max()), Math.abs(pollutant.min()));
            double value = pollutant.min() < 0 ? -widest : widest;
            cp.item();
            if (pollutant.cumulative()) {
                cp.field(pollutant.code(), "Cou", pollutant.volume(widest, 3_600), 1);
            }
            cp.field(pollutant.code(), "Min", value, pollutant.decimals())
                    .field(pollutant.code(), "Avg", value, pollutant.decimals())
                    .field(pollutant.code(), "Max", value, pollutant.decimals())
                    .field(pollutant.code(), "Flag", 'N');
        }
        Upload hourly = new Upload(Upload.HOURLY, Instant.EPOCH, cp.toString());
        return new FrameWriter(device)
                .dataSegment(hourly, "20000101000000000")
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }
}
