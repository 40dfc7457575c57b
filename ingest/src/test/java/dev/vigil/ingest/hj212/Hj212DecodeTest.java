package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212DecodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and returned. */
    private record Run(int status, List<String> out, List<String> err) {}

    private static Run run(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Hj212Decode.run(
                        in,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, lines(out), lines(err));
    }

    private static Run run(String input) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> lines(ByteArrayOutputStream stream) {
        String text = stream.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }

    @Test
    void decodesTheRealHourIntoOneJsonObjectPerValidFrame() throws IOException {
        Run run;
        try (InputStream in = Files.newInputStream(Hj212Fixtures.realTraffic())) {
            run = run(in);
        }

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).hasSize(9_447);
        assertThat(run.err())
                .hasSize(8)
                .allMatch(line -> line.matches("line \\d+: .+ \\[[A-Z_]+\\]"));
        assertThat(run.err())
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly(
                        "line 2108",
                        "line 3336",
                        "line 3496",
                        "line 3669",
                        "line 3670",
                        "line 6303",
                        "line 7151",
                        "line 9197");
        assertThat(run.out())
                .noneMatch(line -> line.contains("\"PW\":\"123456\""))
                .noneMatch(line -> line.contains("123456"));
        assertThat(run.err()).noneMatch(line -> line.contains("123456"));

        JsonNode first = JSON.readTree(run.out().get(0));
        assertThat(first.get("protocol").asText()).isEqualTo("HJ212-2005");
        assertThat(first.get("ST").asText()).isEqualTo("32");
        assertThat(first.get("CN").asText()).isEqualTo("2011");
        assertThat(first.get("MN").asText()).isEqualTo("LD130133000015");
        assertThat(first.get("PW").asText()).isEqualTo("******");
        assertThat(first.get("DataTime").asText()).isEqualTo("2016-08-24T00:38:17+08:00");
        assertThat(first.at("/CP/B01/Rtd").decimalValue()).isEqualByComparingTo("36.91");
        assertThat(first.at("/CP/011/Rtd").isNumber()).isTrue();
        assertThat(first.at("/CP/011/Rtd").asText()).isEqualTo("231.0");
        assertThat(first.at("/CP/011/Flag").asText()).isEqualTo("N");
        assertThat(first.at("/CP/060/Rtd").asDouble()).isEqualTo(1.803);
        assertThat(first.at("/CP/DataTime").asText()).isEqualTo("20160824003817000");
        assertThat(first.get("warnings").isArray()).isTrue();
        assertThat(first.has("QN")).isFalse();
        assertThat(first.has("Flag")).isFalse();
    }

    @Test
    void writesTheStandardsFieldNamesForA2017Frame() throws IOException {
        Run run = run(String.join("\n", Hj212Fixtures.examples().subList(1, 4)) + "\n");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode realTime = JSON.readTree(run.out().get(0));
        assertThat(realTime.get("QN").asText()).isEqualTo("20160801085857223");
        assertThat(realTime.get("Flag").asInt()).isEqualTo(5);
        assertThat(realTime.get("protocol").asText()).isEqualTo("HJ212-2017");
        assertThat(realTime.get("DataTime").asText()).isEqualTo("2016-08-01T08:58:57+08:00");
        assertThat(realTime.at("/CP/w01018/Rtd").asDouble()).isEqualTo(2.2);
        assertThat(realTime.at("/CP/w01018/Flag").asText()).isEqualTo("N");
        assertThat(realTime.at("/CP/w01018/EFlag").asText()).isEqualTo("A01");
        assertThat(realTime.at("/CP/w01018/SampleTime").asText()).isEqualTo("20160801070000");
        JsonNode split = JSON.readTree(run.out().get(2));
        assertThat(split.get("PNUM").asInt()).isEqualTo(2);
        assertThat(split.get("PNO").asInt()).isEqualTo(1);
    }

    @Test
    void keepsANonNumericValueAsTextAndListsTheWarning() throws IOException {
        Run run =
                run(
                        Hj212Encoder.encodeText(
                                "ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&w01018-Rtd=abc&&"));

        JsonNode node = JSON.readTree(run.out().get(0));
        assertThat(node.at("/CP/w01018/Rtd").isTextual()).isTrue();
        assertThat(node.at("/CP/w01018/Rtd").asText()).isEqualTo("abc");
        assertThat(node.get("warnings").get(0).asText())
                .isEqualTo("w01018-Rtd=abc is not a number, kept as text");
    }

    @Test
    void masksPasswordsOfSetPasswordCommandsToo() {
        Run run =
                run(
                        Hj212Encoder.encodeText(
                                "QN=20160801085857223;ST=32;CN=1072;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&NewPW=654321&&"));

        assertThat(run.out())
                .hasSize(1)
                .noneMatch(line -> line.contains("123456") || line.contains("654321"));
    }

    @Test
    void decodesARawCaptureWithFramesBackToBack() {
        List<String> examples = Hj212Fixtures.examples();
        String capture =
                examples.get(0)
                        + "\r\n"
                        + examples.get(1)
                        + examples.get(2)
                        + "\r\nnoise\r\n"
                        + Hj212Fixtures.rejectedExample()
                        + "\r\n";

        Run run = run(capture);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).hasSize(3);
        assertThat(run.out().get(1)).contains("frame has no CRLF after its CRC");
        assertThat(run.err())
                .containsExactly(
                        "line 3: 7 bytes outside any frame (up to a line feed) [GARBAGE]",
                        "line 4: CRC mismatch: frame says 1100, data segment gives 2D00 [CRC_MISMATCH]");
    }

    @Test
    void acceptsLfLineEndsAndBlankLinesAndExitsZeroWhenAllIsValid() {
        Run run = run("\n" + String.join("\n", Hj212Fixtures.examples()) + "\n\n");

        assertThat(run.status()).isZero();
        assertThat(run.out()).hasSize(10).noneMatch(line -> line.contains("LF instead of CRLF"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportsParseFailuresWithTheirLine() {
        Run run =
                run(
                        Hj212Fixtures.examples().get(0)
                                + "\r\n"
                                + Hj212Encoder.encodeText("ST=32;CN=2011;PW=123456;CP=&&&&"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).containsExactly("line 2: MN (device id) is missing [MISSING_MN]");
    }

    @Test
    void commandLineNeedsTheDecodeVerbAndReadsAFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        java.nio.file.Path file = Files.createTempFile("hj212", ".h212");
        try {
            Files.writeString(file, Hj212Fixtures.examples().get(7) + "\r\n");

            assertThat(
                            Hj212Decode.run(
                                    new String[] {},
                                    InputStream.nullInputStream(),
                                    outStream,
                                    errStream))
                    .isEqualTo(2);
            assertThat(
                            Hj212Decode.run(
                                    new String[] {"decode", file.toString()},
                                    InputStream.nullInputStream(),
                                    outStream,
                                    errStream))
                    .isZero();
            assertThat(
                            Hj212Decode.run(
                                    new String[] {"decode", file + ".missing"},
                                    InputStream.nullInputStream(),
                                    outStream,
                                    errStream))
                    .isEqualTo(2);
        } finally {
            Files.delete(file);
        }
        assertThat(lines(out)).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("usage: decode [FILE]")
                .contains("cannot read");
    }
}
