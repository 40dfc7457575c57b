package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;

/**
 * The end of a simulated logger's pipeline: takes what {@code Hj212FrameDecoder} made of the
 * gateway's bytes (answers, commands, or failures) and hands it to the logger.
 */
final class DeviceHandler extends SimpleChannelInboundHandler<Object> {

    private final SimulatedDevice device;

    DeviceHandler(SimulatedDevice device) {
        this.device = device;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Hj212Frame frame) {
            String qn = answeredQn(frame, device.mn());
            if (qn != null) {
                device.onAnswer(qn.isEmpty() ? null : qn);
                return;
            }
            Hj212ParseResult result = device.parser().parse(frame);
            if (result.isParsed()) {
                device.onMessage(result.message());
            } else {
                device.onBadReply(result.failure().describe());
            }
        } else if (msg instanceof DecodeFailure failure) {
            device.onBadReply(failure.describe());
        }
    }

    /**
     * For a 9014 with QN, CN and MN in its header (what the gateway answers every upload with): the
     * QN it answers, or "" if it is addressed to another MN; null for any other frame, which goes
     * through the full parser. Reading three header fields off the bytes spares the simulator a
     * parsed message per answer, one of its larger costs per frame in load mode.
     */
    static String answeredQn(Hj212Frame frame, String mn) {
        byte[] raw = frame.raw();
        int end = Hj212Frame.DATA_OFFSET + frame.dataLength();
        int qnFrom = -1;
        int qnTo = -1;
        boolean answer = false;
        boolean mnMatches = false;
        boolean mnSeen = false;
        int at = Hj212Frame.DATA_OFFSET;
        while (at < end) {
            int fieldEnd = at;
            while (fieldEnd < end && raw[fieldEnd] != ';') {
                fieldEnd++;
            }
            if (fieldEnd - at >= 3 && raw[at] == 'C' && raw[at + 1] == 'P' && raw[at + 2] == '=') {
                break; // the header ends where CP starts
            }
            if (startsWith(raw, at, fieldEnd, "QN=")) {
                qnFrom = at + 3;
                qnTo = fieldEnd;
            } else if (startsWith(raw, at, fieldEnd, "CN=")) {
                answer = fieldEnd - at == 7 && startsWith(raw, at, fieldEnd, "CN=9014");
            } else if (startsWith(raw, at, fieldEnd, "MN=")) {
                mnSeen = true;
                mnMatches = equals(raw, at + 3, fieldEnd, mn);
            }
            at = fieldEnd + 1;
        }
        if (!answer || !mnSeen || qnFrom < 0 || qnTo == qnFrom) {
            return null;
        }
        if (!mnMatches) {
            return "";
        }
        return new String(raw, qnFrom, qnTo - qnFrom, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] raw, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equals(byte[] raw, int from, int to, String text) {
        return to - from == text.length() && startsWith(raw, from, to, text);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        device.onInactive(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        device.onError(cause);
        ctx.close();
    }
}
