package dev.vigil.bench;

import dev.vigil.ingest.hj212.Hj212Encoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Benchmark inputs: frames read from a file, or generated 2017-style frames. */
public final class Frames {

    /** The real-traffic hour shipped with the shared test data, relative to the repository. */
    public static final String REAL_HOUR = "../shared/testdata/hj212/real-2016-08-24-00.h212";

    private static final String[] CODES = {
        "a01012", "a01013", "a01014", "a01011", "a21026", "a21002", "a34013", "a21005", "a19001",
        "a24088", "w01018", "w21003", "w01001", "w21011"
    };

    private Frames() {}

    /**
     * Reads a frame file: one frame per line gets a CRLF trailer; a raw capture (frames back to
     * back) is returned as one chunk.
     */
    public static List<byte[]> read(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        List<byte[]> frames = new ArrayList<>();
        for (int start = 0; start < input.length; ) {
            int newline = start;
            while (newline < input.length && input[newline] != '\n') {
                newline++;
            }
            int end = newline;
            if (end > start && input[end - 1] == '\r') {
                end--;
            }
            if (end > start) {
                byte[] frame = new byte[end - start + 2];
                System.arraycopy(input, start, frame, 0, end - start);
                frame[end - start] = '\r';
                frame[end - start + 1] = '\n';
                frames.add(frame);
            }
            start = newline + 1;
        }
        return frames;
    }

    /** Generates 2017-style (HJ 212-2017) real-time data frames with 4 to 10 pollutants each. */
    public static List<byte[]> generate2017(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int second = i % 3600;
            String time =
                    String.format(
                            Locale.ROOT,
                            "20170824%02d%02d%02d",
                            second / 3600,
                            second / 60 % 60,
                            second % 60);
            StringBuilder data = new StringBuilder(512);
            data.append("QN=")
                    .append(time)
                    .append(String.format(Locale.ROOT, "%03d", i % 1000))
                    .append(";ST=")
                    .append(random.nextBoolean() ? "22" : "32")
                    .append(";CN=2011;PW=123456;MN=")
                    .append(String.format(Locale.ROOT, "88888880000%03d", i % 1000))
                    .append(";Flag=4;CP=&&DataTime=")
                    .append(time)
                    .append(";");
            int pollutants = 4 + random.nextInt(7);
            for (int p = 0; p < pollutants; p++) {
                String code = CODES[p];
                if (p > 0) {
                    data.append(';');
                }
                data.append(code)
                        .append("-Rtd=")
                        .append(String.format(Locale.ROOT, "%.3f", random.nextDouble() * 200))
                        .append(',')
                        .append(code)
                        .append("-Flag=N");
            }
            data.append("&&");
            frames.add(Hj212Encoder.encode(data.toString()));
        }
        return frames;
    }
}
