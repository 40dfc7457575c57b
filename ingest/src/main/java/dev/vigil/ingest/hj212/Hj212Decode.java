package dev.vigil.ingest.hj212;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line decoder, {@code decode [FILE]}: reads HJ 212 frames from a file or stdin and prints
 * one JSON object per valid frame on stdout and {@code line N: <reason>} per invalid one on stderr;
 * exits with 1 when any frame was invalid, 2 on a usage or I/O error, 0 otherwise.
 *
 * <p>Input is either one frame per line (CRLF or LF; each line is decoded as a frame of its own) or
 * a raw capture with frames back to back, recognised by a {@code ##} in the middle of a line; then
 * the bytes go through the streaming decoder as a connection would deliver them and line numbers
 * are counted from the byte offsets. Passwords are masked in all output.
 */
public final class Hj212Decode {

    private final PrintStream out;
    private final PrintStream err;
    private final Hj212Parser parser = new Hj212Parser();
    private final Hj212Json json = new Hj212Json();
    private int invalid;

    private Hj212Decode(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** Runs {@code decode [FILE]} with the given streams; returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || !args[0].equals("decode")) {
            err.println("usage: decode [FILE]   (reads stdin when FILE is missing)");
            return 2;
        }
        if (args.length == 1) {
            return run(stdin, out, err);
        }
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            return run(in, out, err);
        } catch (IOException e) {
            err.println("cannot read " + args[1] + ": " + e.getMessage());
            return 2;
        }
    }

    /** Decodes everything {@code in} holds; returns 1 when any frame was invalid, else 0. */
    public static int run(InputStream in, PrintStream out, PrintStream err) {
        byte[] input;
        try {
            input = in.readAllBytes();
        } catch (IOException e) {
            err.println("cannot read input: " + e.getMessage());
            return 2;
        }
        Hj212Decode decode = new Hj212Decode(out, err);
        if (hasFramesInsideLines(input)) {
            decode.decodeStream(input);
        } else {
            decode.decodeLines(input);
        }
        out.flush();
        return decode.invalid > 0 ? 1 : 0;
    }

    private void decodeLines(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        int line = 0;
        for (int start = 0; start < input.length; ) {
            int newline = indexOf(input, (byte) '\n', start);
            int next = newline < 0 ? input.length : newline + 1;
            int end = newline < 0 ? input.length : newline;
            if (end > start && input[end - 1] == '\r') {
                end--;
            }
            line++;
            if (end > start) {
                // Each line is a frame whatever its line ending: give it the CRLF trailer.
                ByteBuf frame =
                        Unpooled.buffer(end - start + 2)
                                .writeBytes(input, start, end - start)
                                .writeByte('\r')
                                .writeByte('\n');
                channel.writeInbound(frame);
                drain(channel, line, null);
            }
            start = next;
        }
        channel.finish();
        drain(channel, line, null);
    }

    private void decodeStream(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.finish();
        drain(channel, 0, lineStarts(input));
    }

    /** Handles what the decoder produced; {@code lineStarts} maps stream offsets to lines. */
    private void drain(EmbeddedChannel channel, int line, long[] lineStarts) {
        for (Object decoded = channel.readInbound();
                decoded != null;
                decoded = channel.readInbound()) {
            if (decoded instanceof Hj212Frame frame) {
                Hj212ParseResult result = parser.parse(frame);
                if (result.isParsed()) {
                    out.println(json.write(result.message()));
                } else {
                    reject(lineOf(frame.offset(), line, lineStarts), result.failure());
                }
            } else if (decoded instanceof DecodeFailure failure) {
                reject(lineOf(failure.offset(), line, lineStarts), failure);
            }
        }
    }

    private void reject(int line, DecodeFailure failure) {
        invalid++;
        err.println("line " + line + ": " + failure.describe());
    }

    private static int lineOf(long offset, int line, long[] lineStarts) {
        if (lineStarts == null) {
            return line;
        }
        int found = Arrays.binarySearch(lineStarts, offset);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    private static long[] lineStarts(byte[] input) {
        int lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        long[] starts = new long[lines];
        for (int i = 0, line = 1; i < input.length; i++) {
            if (input[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    /**
     * Tells whether some {@code ##} starts in the middle of a line, i.e. frames are back to back.
     */
    static boolean hasFramesInsideLines(byte[] input) {
        for (int i = 1; i + 1 < input.length; i++) {
            if (input[i] == '#'
                    && input[i + 1] == '#'
                    && input[i - 1] != '\n'
                    && input[i - 1] != '#') {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] input, byte value, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
