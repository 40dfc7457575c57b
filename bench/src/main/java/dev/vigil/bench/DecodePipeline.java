package dev.vigil.bench;

import dev.vigil.events.report.Report;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import dev.vigil.ingest.hj212.Hj212Parser;
import dev.vigil.ingest.hj212.Hj212ReportMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's decode path without the network: the streaming frame decoder (framing, length and
 * CRC checks) over a byte stream of frames back to back, the parser, and the mapping to a {@link
 * Report}. One {@link #next()} decodes one frame; the stream restarts when it is used up.
 */
public final class DecodePipeline {

    private final ByteBuf stream;
    private final Decoder decoder = new Decoder();
    private final Hj212Parser parser = new Hj212Parser();
    private final List<Object> out = new ArrayList<>(4);
    private final Instant receivedAt = Instant.parse("2017-08-24T00:00:00Z");

    /** Frames seen, and how many of them gave a report. */
    public long frames;

    public long reports;
    public long readings;

    public DecodePipeline(List<byte[]> frames) {
        int size = frames.stream().mapToInt(f -> f.length).sum();
        ByteBuf buf = Unpooled.buffer(size);
        frames.forEach(buf::writeBytes);
        this.stream = buf;
    }

    /** Decodes the next frame (or run of garbage); returns the report, or null when none. */
    public Object next() {
        if (!stream.isReadable()) {
            stream.readerIndex(0);
        }
        out.clear();
        decoder.decodeFrom(stream, out);
        Object result = null;
        for (Object decoded : out) {
            frames++;
            if (decoded instanceof Hj212Frame frame) {
                Hj212ParseResult parsed = parser.parse(frame);
                if (parsed.isParsed()) {
                    Report report =
                            Hj212ReportMapper.toReport(parsed.message(), receivedAt, frame.raw());
                    reports++;
                    readings += report.pollutants().size();
                    result = report;
                } else {
                    result = parsed;
                }
            } else {
                result = decoded;
            }
        }
        return result;
    }

    /** Exposes the decoder's step without a channel. */
    private static final class Decoder extends Hj212FrameDecoder {
        void decodeFrom(ByteBuf in, List<Object> out) {
            decode(null, in, out);
        }
    }
}
