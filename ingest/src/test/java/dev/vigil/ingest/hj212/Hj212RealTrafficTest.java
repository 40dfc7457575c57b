package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.hj212.DecodeFailure.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One hour of real traffic from 284 data loggers (9,455 frames): what a gateway must survive in the
 * field. The file arrives as TCP would deliver it, in chunks that ignore frame boundaries.
 */
class Hj212RealTrafficTest {

    private static byte[] bytes;
    private static long[] lineStarts;
    private static List<Object> decoded;
    private static final Hj212Parser PARSER = new Hj212Parser();

    @BeforeAll
    static void decodeTheHour() throws IOException {
        bytes = Files.readAllBytes(Hj212Fixtures.realTraffic());
        lineStarts = lineStarts(bytes);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 1460) { // one TCP segment's payload
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 1460)));
        }
        decoded = Hj212Fixtures.decode(new Hj212FrameDecoder(), chunks);
    }

    private static List<Hj212Message> messages() {
        return decoded.stream()
                .filter(Hj212Frame.class::isInstance)
                .map(o -> PARSER.parse((Hj212Frame) o))
                .map(Hj212ParseResult::message)
                .toList();
    }

    private static Map<Integer, DecodeFailure> failuresByLine() {
        Map<Integer, DecodeFailure> byLine = new TreeMap<>();
        for (Object o : decoded) {
            if (o instanceof DecodeFailure failure) {
                byLine.put(lineOf(failure.offset()), failure);
            }
        }
        return byLine;
    }

    @Test
    void exactly9447FramesDecodeAndParse() {
        List<Hj212Frame> frames =
                decoded.stream()
                        .filter(Hj212Frame.class::isInstance)
                        .map(Hj212Frame.class::cast)
                        .toList();

        assertThat(lineStarts).hasSize(9_456); // 9,455 lines and the empty rest after the last CRLF
        assertThat(frames).hasSize(9_447);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.anomalies()).isEmpty());
        assertThat(frames)
                .allSatisfy(
                        frame ->
                                assertThat(PARSER.parse(frame).isParsed())
                                        .as("line %d", lineOf(frame.offset()))
                                        .isTrue());
    }

    @Test
    void exactly8BrokenFramesAreRejectedEachWithItsReason() {
        Map<Integer, DecodeFailure> failures = failuresByLine();
        failures.forEach(
                (line, failure) -> System.out.println("line " + line + ": " + failure.describe()));

        assertThat(failures)
                .hasSize(8)
                .containsOnlyKeys(2108, 3336, 3496, 3669, 3670, 6303, 7151, 9197);
        assertThat(failures.get(2108).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failures.get(2108).detail())
                .isEqualTo(
                        "length mismatch: header says 615 data bytes, the frame has 612 in front of its CRC; "
                                + "CRC mismatch: frame says A501, data segment gives 8581");
        assertThat(failures.get(3336).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failures.get(3496).reason()).isEqualTo(Reason.BAD_LENGTH);
        assertThat(failures.get(3496).detail())
                .isEqualTo("length field '9ST=' is not 4 decimal digits");
        assertThat(failures.get(3669).reason()).isEqualTo(Reason.CRC_MISMATCH);
        assertThat(failures.get(3669).detail())
                .isEqualTo("CRC mismatch: frame says 47C0, data segment gives 2BC0");
        assertThat(failures.get(3670).reason()).isEqualTo(Reason.GARBAGE);
        assertThat(new String(failures.get(3670).raw())).isEqualTo("2BC0\r\n");
        assertThat(failures.get(6303).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failures.get(7151).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failures.get(9197).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(failures.values())
                .allSatisfy(f -> assertThat(f.detail()).doesNotContain("123456"));
    }

    @Test
    void theFirstFrameDecodesToTheseValues() {
        Hj212Message first = messages().get(0);

        assertThat(first.mn()).isEqualTo("LD130133000015");
        assertThat(first.cn()).isEqualTo("2011");
        assertThat(first.st()).isEqualTo("32");
        assertThat(first.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(first.dataTime())
                .isEqualTo(OffsetDateTime.parse("2016-08-24T00:38:17+08:00").toInstant());
        assertThat(first.pollutant("B01").number("Rtd")).isEqualTo(36.91);
        assertThat(first.pollutant("011").number("Rtd")).isEqualTo(231.0);
        assertThat(first.pollutant("011").text("Flag")).isEqualTo("N");
        assertThat(first.pollutant("060").number("Rtd")).isEqualTo(1.803);
        assertThat(first.pollutant("060").text("Flag")).isEqualTo("N");
        assertThat(first.warnings()).isEmpty();
    }

    @Test
    void spotChecksAcrossTheHour() {
        List<Hj212Message> messages = messages();

        // Line 2: flue gas with converted (Zs) values; 01-Flag appears in two items.
        Hj212Message flueGas = messages.get(1);
        assertThat(flueGas.mn()).isEqualTo("LD130182000052");
        assertThat(flueGas.st()).isEqualTo("31");
        assertThat(flueGas.pollutant("S08").text("Rtd")).isEqualTo("0.000000");
        assertThat(flueGas.pollutant("01").values()).containsOnlyKeys("Rtd", "Flag", "ZsRtd");
        assertThat(flueGas.warnings()).contains("duplicate CP key 01-Flag, the last value wins");

        // Line 251: ST made of two NUL bytes, valid CRC.
        Hj212Message nul = messageOnLine(251);
        assertThat(nul.st()).isNull();
        assertThat(nul.cn()).isEqualTo("2031");
        assertThat(nul.mn()).isEqualTo("LD132324000484");
        assertThat(nul.pollutant("S01").number("Avg")).isEqualTo(15.01);
        assertThat(nul.warnings()).contains("removed 2 NUL bytes from ST");

        // The only time-calibration request: 2005 style, its QN inside CP.
        Hj212Message calibration =
                messages.stream().filter(m -> m.cn().equals("1013")).findFirst().orElseThrow();
        assertThat(calibration.mn()).isEqualTo("LD130102000147");
        assertThat(calibration.field("QN")).isEqualTo("20160824001252000");
        assertThat(calibration.answerRequired()).isTrue();

        // An alarm.
        Hj212Message alarm =
                messages.stream().filter(m -> m.cn().equals("2072")).findFirst().orElseThrow();
        assertThat(alarm.qn()).isEqualTo("20160823235559979");
        assertThat(alarm.pollutant("B01").number("Ala")).isEqualTo(16.0);
        assertThat(alarm.field("AlarmType")).isEqualTo("1");
    }

    @Test
    void countsPerCommandAndPerProtocolVersion() {
        List<Hj212Message> messages = messages();
        Map<String, Long> perCn =
                messages.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Hj212Message::cn, TreeMap::new, Collectors.counting()));
        Map<Hj212Version, Long> perVersion =
                messages.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Hj212Message::protocol,
                                        TreeMap::new,
                                        Collectors.counting()));
        System.out.println("per CN: " + perCn);
        System.out.println("per protocol: " + perVersion);
        long withWarnings = messages.stream().filter(m -> !m.warnings().isEmpty()).count();
        Map<String, Long> warningKinds =
                messages.stream()
                        .flatMap(m -> m.warnings().stream())
                        .map(w -> w.replaceAll("[0-9]+", "N"))
                        .collect(
                                Collectors.groupingBy(
                                        Function.identity(), TreeMap::new, Collectors.counting()));
        System.out.println(withWarnings + " messages with warnings: " + warningKinds);

        assertThat(perCn)
                .containsExactlyEntriesOf(
                        new TreeMap<>(
                                Map.ofEntries(
                                        Map.entry("1013", 1L),
                                        Map.entry("2011", 4_523L),
                                        Map.entry("2021", 889L),
                                        Map.entry("2031", 222L),
                                        Map.entry("2051", 1_777L),
                                        Map.entry("2061", 416L),
                                        Map.entry("2072", 12L),
                                        Map.entry("8013", 450L),
                                        Map.entry("9011", 195L),
                                        Map.entry("9012", 193L),
                                        Map.entry("9015", 769L))));
        assertThat(perVersion).containsExactly(Map.entry(Hj212Version.HJ212_2005, 9_447L));
    }

    @Test
    void deliveringOneLineAtATimeGivesTheSameOutput() {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i + 1 < lineStarts.length; i++) {
            lines.add(Arrays.copyOfRange(bytes, (int) lineStarts[i], (int) lineStarts[i + 1]));
        }

        assertThat(Hj212Fixtures.decode(new Hj212FrameDecoder(), lines)).isEqualTo(decoded);
    }

    private static Hj212Message messageOnLine(int line) {
        long offset = lineStarts[line - 1];
        return decoded.stream()
                .filter(o -> o instanceof Hj212Frame frame && frame.offset() == offset)
                .map(o -> PARSER.parse((Hj212Frame) o).message())
                .findFirst()
                .orElseThrow();
    }

    private static int lineOf(long offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    private static long[] lineStarts(byte[] input) {
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                starts.add(i + 1L);
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }
}
