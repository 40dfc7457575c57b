package dev.vigil.ingest.hj212;

import dev.vigil.ingest.hj212.DecodeFailure.Reason;
import dev.vigil.ingest.hj212.Hj212Frame.Anomaly;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Splits one connection's byte stream into HJ 212 frames ({@code ##}, 4-digit length, data segment,
 * 4-hex-digit CRC, CRLF) and emits each as a {@link Hj212Frame} or, when it is broken, as a {@link
 * DecodeFailure}; it never throws for bad input and never closes the connection.
 *
 * <p>How a frame's end is found: the normal case is checked first (CRLF where the length field
 * says, 4 hex digits in front of it, no CR, LF or {@code #} inside the data segment). Otherwise the
 * frame ends at the first CR or LF, or just before the next {@code ##}, and the decoder works out
 * what went wrong. A length field above the maximum is rejected as soon as the header is read,
 * without buffering the frame. Lower-case hex in the CRC is accepted as it is (the standard does
 * not fix the case). Other deviations that real devices show and that the CRC still vouches for are
 * accepted and reported as {@link Anomaly}s:
 *
 * <ul>
 *   <li>a length that counts the characters of Chinese text instead of its UTF-8 bytes;
 *   <li>a frame ending in LF or CR alone, or with no trailer when the next {@code ##} (or the end
 *       of the stream) follows the CRC directly. A device that omits the trailer and then waits
 *       gets its frame decoded only when it sends again or the connection closes.
 * </ul>
 *
 * <p>Bytes outside frames are reported as {@link Reason#GARBAGE} in runs that end at a line feed,
 * at the next {@code ##}, or after the maximum frame length; runs of bare CR and LF are skipped
 * silently. The decoder waits for more bytes only while the outcome could still change, so the
 * output does not depend on how TCP splits the stream.
 */
public class Hj212FrameDecoder extends ByteToMessageDecoder {

    /** The standard's maximum data segment length in bytes. */
    public static final int DEFAULT_MAX_DATA_LENGTH = 1024;

    private static final int HEADER_LENGTH = 6;
    private static final int FRAMING_LENGTH = HEADER_LENGTH + 4 + 2;

    /** Stops at bytes that can end a frame: CR, LF and the first {@code #} of {@code ##}. */
    private static final ByteProcessor FIND_FRAME_END = b -> b != '\r' && b != '\n' && b != '#';

    /** Stops at bytes that can end a run of garbage: LF and the first {@code #} of {@code ##}. */
    private static final ByteProcessor FIND_GARBAGE_END = b -> b != '\n' && b != '#';

    /** Marks the bytes that must not appear inside a data segment on the fast path. */
    private static final byte[] FRAME_END_BYTE = new byte[256];

    static {
        FRAME_END_BYTE['\r'] = 1;
        FRAME_END_BYTE['\n'] = 1;
        FRAME_END_BYTE['#'] = 1;
    }

    /** Reads eight bytes of a frame as one long, for {@link #hasFrameEndByte}. */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final int maxDataLength;
    private final int maxFrameLength;

    /** Position of {@code in.readerIndex()} in the connection's byte stream. */
    private long streamOffset;

    /** Bytes from the reader index already scanned without reaching a decision. */
    private int scanned;

    /** True after a too-long header: drop bytes up to the next line feed or {@code ##}. */
    private boolean discarding;

    /** Creates a decoder for frames of at most {@link #DEFAULT_MAX_DATA_LENGTH} data bytes. */
    public Hj212FrameDecoder() {
        this(DEFAULT_MAX_DATA_LENGTH);
    }

    /**
     * Creates a decoder that rejects frames whose data segment is longer than {@code
     * maxDataLength}.
     */
    public Hj212FrameDecoder(int maxDataLength) {
        if (maxDataLength < 0 || maxDataLength > 9999) {
            throw new IllegalArgumentException(
                    "maxDataLength must be between 0 and 9999: " + maxDataLength);
        }
        this.maxDataLength = maxDataLength;
        this.maxFrameLength = maxDataLength + FRAMING_LENGTH;
    }

    /** Returns the largest data segment this decoder accepts. */
    public int maxDataLength() {
        return maxDataLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decodeOne(in, out, false);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // At the end of the stream every step consumes at least one byte, so this terminates.
        while (in.isReadable()) {
            decodeOne(in, out, true);
        }
    }

    private void decodeOne(ByteBuf in, List<Object> out, boolean atEnd) {
        if (discarding) {
            discard(in, atEnd);
            // Stopping at "##" consumes nothing, so go on here: ByteToMessageDecoder would not call
            // decode() again without progress.
            if (discarding || !in.isReadable()) {
                return;
            }
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (in.getByte(start) != '#') {
            garbage(in, out, atEnd);
            return;
        }
        if (end - start < 3) {
            if (atEnd) {
                garbage(in, out, true);
            }
            return;
        }
        // "###" is a stray '#' followed by a frame: the frame starts at the last "##".
        if (in.getByte(start + 1) != '#' || in.getByte(start + 2) == '#') {
            garbage(in, out, atEnd);
            return;
        }
        frame(in, out, atEnd);
    }

    private void frame(ByteBuf in, List<Object> out, boolean atEnd) {
        int start = in.readerIndex();
        int available = in.writerIndex() - start;
        int length = -1;
        if (available >= HEADER_LENGTH) {
            length = parseLength(in, start + 2);
            if (length > maxDataLength) {
                fail(
                        in,
                        out,
                        Reason.TOO_LONG,
                        HEADER_LENGTH,
                        "frame too long: header says "
                                + length
                                + " data bytes, the maximum is "
                                + maxDataLength);
                discarding = true;
                return;
            }
            if (length >= 0 && available >= length + FRAMING_LENGTH && fastPath(in, out, length)) {
                return;
            }
        }
        slowPath(in, out, length, atEnd);
    }

    /**
     * Accepts or rejects a frame that ends exactly where its length field says; false if it does
     * not.
     */
    private boolean fastPath(ByteBuf in, List<Object> out, int length) {
        int start = in.readerIndex();
        int frameLength = length + FRAMING_LENGTH;
        if (in.getByte(start + frameLength - 2) != '\r'
                || in.getByte(start + frameLength - 1) != '\n') {
            return false;
        }
        byte[] raw = new byte[frameLength];
        in.getBytes(start, raw);
        int declared = Hj212Crc.parse(raw, HEADER_LENGTH + length);
        if (declared < 0) {
            return false;
        }
        if (hasFrameEndByte(raw, HEADER_LENGTH, HEADER_LENGTH + length)) {
            // A CR, LF or '#' inside: let the slow path find where the frame really ends.
            return false;
        }
        int crc = Hj212Crc.compute(raw, HEADER_LENGTH, length);
        if (crc != declared) {
            fail(in, out, Reason.CRC_MISMATCH, frameLength, crcMismatch(declared, crc));
            return true;
        }
        out.add(new Hj212Frame(raw, length, streamOffset, Set.of()));
        consume(in, frameLength);
        return true;
    }

    private void slowPath(ByteBuf in, List<Object> out, int length, boolean atEnd) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + maxFrameLength);
        int i = start + Math.max(2, scanned);
        int stop = -1;
        while (i < limit) {
            int found = in.forEachByte(i, limit - i, FIND_FRAME_END);
            if (found < 0) {
                i = limit;
                break;
            }
            byte b = in.getByte(found);
            if (b == '\n') {
                stop = found;
                break;
            }
            if (found + 1 >= end && !atEnd) {
                scanned = found - start; // CR or '#' at the end: wait for the byte after it
                return;
            }
            if (b == '\r' || (found + 1 < end && in.getByte(found + 1) == '#')) {
                stop = found;
                break;
            }
            i = found + 1; // a single '#' does not start a frame
        }
        if (stop < 0) {
            if (limit - start >= maxFrameLength) {
                fail(
                        in,
                        out,
                        Reason.TOO_LONG,
                        maxFrameLength,
                        "frame too long: no CRLF within " + maxFrameLength + " bytes");
                discarding = true;
                return;
            }
            if (!atEnd) {
                scanned = limit - start;
                return;
            }
            stop = end;
        }
        validate(in, out, length, stop);
    }

    /** Decides about the frame from the reader index whose CRC ends at {@code stop}. */
    private void validate(ByteBuf in, List<Object> out, int length, int stop) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        Set<Anomaly> anomalies = EnumSet.noneOf(Anomaly.class);
        int frameEnd;
        String endedBy = null;
        if (stop == end) {
            frameEnd = end;
            endedBy = "the end of the stream";
            anomalies.add(Anomaly.TRAILER_MISSING);
        } else if (in.getByte(stop) == '#') {
            frameEnd = stop;
            endedBy = "the next '##'";
            anomalies.add(Anomaly.TRAILER_MISSING);
        } else if (in.getByte(stop) == '\n') {
            frameEnd = stop + 1;
            anomalies.add(Anomaly.TRAILER_LF_ONLY);
        } else if (stop + 1 < end && in.getByte(stop + 1) == '\n') {
            frameEnd = stop + 2;
        } else {
            frameEnd = stop + 1;
            anomalies.add(Anomaly.TRAILER_CR_ONLY);
        }
        int frameLength = frameEnd - start;
        int dataStart = start + HEADER_LENGTH;
        if (stop < dataStart) {
            fail(
                    in,
                    out,
                    Reason.TRUNCATED,
                    frameLength,
                    "frame truncated: it ends "
                            + (stop - start)
                            + " bytes after '##', inside the length field");
            return;
        }
        if (length < 0) {
            fail(
                    in,
                    out,
                    Reason.BAD_LENGTH,
                    frameLength,
                    "length field '" + printable(in, start + 2, 4) + "' is not 4 decimal digits");
            return;
        }
        int dataLength = stop - 4 - dataStart;
        if (endedBy != null && dataLength < length) {
            fail(
                    in,
                    out,
                    Reason.TRUNCATED,
                    frameLength,
                    "frame truncated: header says "
                            + length
                            + " data bytes and a 4-digit CRC, only "
                            + (stop - dataStart)
                            + " bytes came before "
                            + endedBy);
            return;
        }
        if (dataLength < 0) {
            fail(
                    in,
                    out,
                    Reason.TRUNCATED,
                    frameLength,
                    "frame truncated: only "
                            + (stop - dataStart)
                            + " bytes between the length field and the trailer, too few for a CRC");
            return;
        }
        int declared = Hj212Crc.parse(in, stop - 4);
        if (declared < 0) {
            fail(
                    in,
                    out,
                    Reason.BAD_CRC_FIELD,
                    frameLength,
                    "CRC field '"
                            + printable(in, stop - 4, 4)
                            + "' in front of the trailer is not 4 hex digits");
            return;
        }
        int crc = Hj212Crc.compute(in, dataStart, dataLength);
        if (dataLength != length) {
            if (crc == declared
                    && dataLength > length
                    && utf8Characters(in, dataStart, dataLength) == length) {
                anomalies.add(Anomaly.LENGTH_COUNTS_CHARACTERS);
            } else {
                fail(
                        in,
                        out,
                        Reason.LENGTH_MISMATCH,
                        frameLength,
                        "length mismatch: header says "
                                + length
                                + " data bytes, the frame has "
                                + dataLength
                                + " in front of its CRC"
                                + (crc == declared ? "" : "; " + crcMismatch(declared, crc)));
                return;
            }
        } else if (crc != declared) {
            fail(in, out, Reason.CRC_MISMATCH, frameLength, crcMismatch(declared, crc));
            return;
        }
        byte[] raw = new byte[frameLength];
        in.getBytes(start, raw);
        out.add(new Hj212Frame(raw, dataLength, streamOffset, Set.copyOf(anomalies)));
        consume(in, frameLength);
    }

    /** Emits the bytes from the reader index up to a line feed or the next frame as one failure. */
    private void garbage(ByteBuf in, List<Object> out, boolean atEnd) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + maxFrameLength);
        int runEnd = in.getByte(start) == '\n' ? start + 1 : -1;
        String until = " (up to a line feed)";
        int i = start + Math.max(1, scanned);
        while (runEnd < 0 && i < limit) {
            int found = in.forEachByte(i, limit - i, FIND_GARBAGE_END);
            if (found < 0) {
                break;
            }
            if (in.getByte(found) == '\n') {
                runEnd = found + 1;
                break;
            }
            // found is a '#': a frame starts there if "##" and a third byte other than '#' follow.
            boolean undecided =
                    found + 1 >= end || (in.getByte(found + 1) == '#' && found + 2 >= end);
            if (undecided && !atEnd) {
                scanned = found - start;
                return;
            }
            if (!undecided && in.getByte(found + 1) == '#' && in.getByte(found + 2) != '#') {
                runEnd = found;
                until = " before the next frame";
                break;
            }
            i = found + 1;
        }
        if (runEnd < 0) {
            if (limit - start < maxFrameLength && !atEnd) {
                scanned = limit - start;
                return;
            }
            runEnd = limit;
            until = "";
        }
        int length = runEnd - start;
        if (onlyLineBreaks(in, start, length)) {
            consume(in, length);
            return;
        }
        fail(in, out, Reason.GARBAGE, length, length + " bytes outside any frame" + until);
    }

    /** Drops bytes after a too-long header up to a line feed (inclusive) or the next {@code ##}. */
    private void discard(ByteBuf in, boolean atEnd) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start;
        while (i < end) {
            int found = in.forEachByte(i, end - i, FIND_GARBAGE_END);
            if (found < 0) {
                break;
            }
            if (in.getByte(found) == '\n') {
                consume(in, found + 1 - start);
                discarding = false;
                return;
            }
            if (found + 1 >= end) {
                if (atEnd) {
                    break;
                }
                consume(in, found - start); // keep a trailing '#': it may start a frame
                return;
            }
            if (in.getByte(found + 1) == '#') {
                consume(in, found - start);
                discarding = false;
                return;
            }
            i = found + 1;
        }
        consume(in, end - start);
        if (atEnd) {
            discarding = false;
        }
    }

    private void fail(ByteBuf in, List<Object> out, Reason reason, int length, String detail) {
        int available = Math.min(length, in.readableBytes());
        byte[] raw = new byte[available];
        in.getBytes(in.readerIndex(), raw);
        out.add(new DecodeFailure(reason, detail, streamOffset, raw));
        consume(in, available);
    }

    private void consume(ByteBuf in, int length) {
        in.skipBytes(length);
        streamOffset += length;
        scanned = 0;
    }

    /**
     * Tells whether {@code raw[from, to)} holds a CR, LF or {@code #}; every frame's data segment
     * goes through it, so it tests eight bytes per step for a byte equal to each of the three.
     */
    private static boolean hasFrameEndByte(byte[] raw, int from, int to) {
        int i = from;
        for (; to - i >= 8; i += 8) {
            long v = (long) LONGS.get(raw, i);
            if ((zeroByte(v ^ ONES * '\r') | zeroByte(v ^ ONES * '\n') | zeroByte(v ^ ONES * '#'))
                    != 0) {
                return true;
            }
        }
        int frameEndBytes = 0;
        for (; i < to; i++) {
            frameEndBytes |= FRAME_END_BYTE[raw[i] & 0xFF];
        }
        return frameEndBytes != 0;
    }

    /**
     * Returns a non-zero value exactly when some byte of {@code v} is zero: a borrow can only start
     * at a zero byte, so a set high bit in the result means one is there (which one may be off).
     */
    private static long zeroByte(long v) {
        return (v - ONES) & ~v & HIGH_BITS;
    }

    /** Returns the 4-digit decimal value at {@code index}, or -1 if those are not 4 digits. */
    private static int parseLength(ByteBuf in, int index) {
        int value = 0;
        for (int i = index; i < index + 4; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int utf8Characters(ByteBuf in, int index, int length) {
        int characters = 0;
        for (int i = index; i < index + length; i++) {
            if ((in.getByte(i) & 0xC0) != 0x80) {
                characters++;
            }
        }
        return characters;
    }

    private static boolean onlyLineBreaks(ByteBuf in, int index, int length) {
        for (int i = index; i < index + length; i++) {
            byte b = in.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String crcMismatch(int declared, int computed) {
        return "CRC mismatch: frame says "
                + Hj212Crc.format(declared)
                + ", data segment gives "
                + Hj212Crc.format(computed);
    }

    /** Shows a short field for a message: printable ASCII as is, anything else as \xNN. */
    private static String printable(ByteBuf in, int index, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = index; i < Math.min(index + length, in.writerIndex()); i++) {
            int b = in.getByte(i) & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\'') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }
}
