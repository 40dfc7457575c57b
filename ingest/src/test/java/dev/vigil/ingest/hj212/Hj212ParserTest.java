package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.ingest.hj212.DecodeFailure.Reason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hj212ParserTest {

    private static final String MN_2017 = "010000A8900016F000169DC0";

    private final Hj212Parser parser = new Hj212Parser();

    private Hj212Message parse(String dataSegment) {
        Hj212ParseResult result = parser.parse(dataSegment);
        assertThat(result.isParsed()).as("parsed: %s", result.failure()).isTrue();
        return result.message();
    }

    private Hj212Message example(int index) {
        String line = Hj212Fixtures.examples().get(index);
        return parse(line.substring(6, line.length() - 4));
    }

    private DecodeFailure failure(String dataSegment) {
        Hj212ParseResult result = parser.parse(dataSegment);
        assertThat(result.isParsed()).isFalse();
        return result.failure();
    }

    private static Instant cst(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @Test
    void realTimeData2011Of2017() {
        Hj212Message m = example(1);

        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(m.qn()).isEqualTo("20160801085857223");
        assertThat(m.st()).isEqualTo("32");
        assertThat(m.cn()).isEqualTo("2011");
        assertThat(m.pw()).isEqualTo("123456");
        assertThat(m.mn()).isEqualTo(MN_2017);
        assertThat(m.flag()).isEqualTo(5);
        assertThat(m.answerRequired()).isTrue();
        assertThat(m.splitPacket()).isFalse();
        assertThat(m.dataTime()).isEqualTo(cst("2016-08-01T08:58:57+08:00"));
        assertThat(m.pollutants()).containsOnlyKeys("w01001", "w01018");
        assertThat(m.pollutant("w01001").values())
                .containsExactly(Map.entry("Rtd", "7.1"), Map.entry("Flag", "N"));
        assertThat(m.pollutant("w01018").values())
                .containsExactly(
                        Map.entry("SampleTime", "20160801070000"),
                        Map.entry("Rtd", "2.2"),
                        Map.entry("Flag", "N"),
                        Map.entry("EFlag", "A01"));
        assertThat(m.pollutant("w01018").number("Rtd")).isEqualTo(2.2);
        assertThat(m.fields()).containsExactly(Map.entry("DataTime", "20160801085857"));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void realTimeInterval1062() {
        Hj212Message m = example(0);

        assertThat(m.cn()).isEqualTo("1062");
        assertThat(m.pw()).isEqualTo("100000");
        assertThat(m.field("RtdInterval")).isEqualTo("30");
        assertThat(m.dataTime()).isNull();
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void hourlyData2061KeepsEverySubField() {
        Hj212Message m = example(2);

        assertThat(m.cn()).isEqualTo("2061");
        assertThat(m.dataTime()).isEqualTo(cst("2016-08-01T08:00:00+08:00"));
        assertThat(m.pollutant("w00000").values())
                .containsExactly(
                        Map.entry("Cou", "63.0"),
                        Map.entry("Min", "16.4"),
                        Map.entry("Avg", "17.5"),
                        Map.entry("Max", "20.1"),
                        Map.entry("Flag", "N"));
        assertThat(m.pollutant("w01018").number("Avg")).isEqualTo(40.1);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void splitPacket2061WithPnumAndPno() {
        Hj212Message m = example(3);

        assertThat(m.flag()).isEqualTo(7);
        assertThat(m.splitPacket()).isTrue();
        assertThat(m.answerRequired()).isTrue();
        assertThat(m.packetCount()).isEqualTo(2);
        assertThat(m.packetNumber()).isEqualTo(1);
        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(m.pollutants()).containsOnlyKeys("w00000", "w01001");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void splitFlagWithoutPacketNumbersIsFlagged() {
        Hj212Message m =
                parse(
                        "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN="
                                + MN_2017
                                + ";Flag=7;CP=&&DataTime=20160801080000&&");

        assertThat(m.warnings())
                .containsExactly("Flag marks a split packet (D=1) but PNUM or PNO is missing");
    }

    @Test
    void restartTime2081() {
        Hj212Message m = example(4);

        assertThat(m.cn()).isEqualTo("2081");
        assertThat(m.field("RestartTime")).isEqualTo("20160801085624");
        assertThat(m.pollutants()).isEmpty();
    }

    @Test
    void dataAnswer9014WithAnEmptyCp() {
        Hj212Message m = example(5);

        assertThat(m.cn()).isEqualTo("9014");
        assertThat(m.st()).isEqualTo("91");
        assertThat(m.flag()).isEqualTo(4);
        assertThat(m.answerRequired()).isFalse();
        assertThat(m.pollutants()).isEmpty();
        assertThat(m.fields()).isEmpty();
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void minuteDataRequest2051Of2005() {
        Hj212Message m = example(6);

        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(m.mn()).isEqualTo("88888880000001");
        assertThat(m.fields())
                .containsExactly(
                        Map.entry("BeginTime", "20040506111000"),
                        Map.entry("EndTime", "20040506151000"));
        // The standard's own 2005 example sets D=1 without PNUM/PNO: accepted, flagged.
        assertThat(m.warnings())
                .containsExactly("Flag marks a split packet (D=1) but PNUM or PNO is missing");
    }

    @Test
    void realTimeData2011Of2005WithoutQnAndFlagAnd17DigitDataTime() {
        Hj212Message m = example(7);

        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(m.qn()).isNull();
        assertThat(m.flag()).isNull();
        assertThat(m.answerRequired()).isFalse();
        assertThat(m.mn()).isEqualTo("LD130133000015");
        assertThat(m.dataTime()).isEqualTo(cst("2016-08-24T00:38:17+08:00"));
        assertThat(m.pollutant("B01").number("Rtd")).isEqualTo(36.91);
        assertThat(m.pollutant("011").values())
                .containsExactly(Map.entry("Rtd", "231.0"), Map.entry("Flag", "N"));
        assertThat(m.pollutant("060").number("Rtd")).isEqualTo(1.803);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void heartbeat8013() {
        Hj212Message m = example(8);

        assertThat(m.cn()).isEqualTo("8013");
        assertThat(m.flag()).isZero();
        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(m.field("HeartbeatTime")).isEqualTo("120");
    }

    @Test
    void alarmEvent2072Of2005() {
        Hj212Message m = example(9);

        assertThat(m.cn()).isEqualTo("2072");
        assertThat(m.answerRequired()).isTrue();
        assertThat(m.field("AlarmTime")).isEqualTo("20160823235559");
        assertThat(m.field("AlarmType")).isEqualTo("1");
        assertThat(m.pollutant("B01").values()).containsExactly(Map.entry("Ala", "16.00"));
        assertThat(m.dataTime()).isNull();
    }

    @Test
    void dailyData2031WithNulBytesInSt() {
        Hj212Message m =
                parse(
                        "ST=\0\0;CN=2031;PW=123456;MN=LD130130000154;CP=&&DataTime=20160823000000000;"
                                + "B01-Cou=0.00,B01-Min=0.00,B01-Avg=0.00,B01-Max=0.00;011-Cou=244.4&&");

        assertThat(m.st()).isNull();
        assertThat(m.cn()).isEqualTo("2031");
        assertThat(m.dataTime()).isEqualTo(cst("2016-08-23T00:00:00+08:00"));
        assertThat(m.pollutant("011").number("Cou")).isEqualTo(244.4);
        assertThat(m.warnings()).containsExactly("removed 2 NUL bytes from ST", "ST is empty");
    }

    @Test
    void nulBytesInsideAValueAreStrippedAndFlagged() {
        Hj212Message m =
                parse("ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&B01-Rtd=36.\0" + "91&&");

        assertThat(m.pollutant("B01").number("Rtd")).isEqualTo(36.91);
        assertThat(m.warnings()).containsExactly("removed 1 NUL bytes from B01-Rtd");
    }

    @Test
    void equipmentStatus2021AndRunTime2041() {
        Hj212Message status =
                parse(
                        "ST=32;CN=2021;PW=123456;MN=ZG130102201215;CP=&&DataTime=20160823235130;SB1-RS=0;SB2-RS=1;SB3-RS=4&&");
        Hj212Message runTime =
                parse(
                        "QN=20160802000000001;ST=32;CN=2041;PW=123456;MN="
                                + MN_2017
                                + ";Flag=4;CP=&&DataTime=20160801000000;SB1-RT=23.5;SB2-RT=0.0&&");

        assertThat(status.pollutants()).containsOnlyKeys("SB1", "SB2", "SB3");
        assertThat(status.pollutant("SB2").text("RS")).isEqualTo("1");
        assertThat(status.pollutant("SB3").number("RS")).isEqualTo(4.0);
        assertThat(status.warnings()).isEmpty();
        assertThat(runTime.pollutant("SB1").number("RT")).isEqualTo(23.5);
        assertThat(runTime.dataTime()).isEqualTo(cst("2016-08-01T00:00:00+08:00"));
        assertThat(runTime.warnings()).isEmpty();
    }

    @Test
    void nonStandard9015AndAnswers9011And9012And1013() {
        Hj212Message n9015 =
                parse(
                        "ST=91;CN=9015;PW=123456;MN=LD130130000155;Flag=0;CP=&&DataTime=20160823234442000;CON-RT=0&&");
        Hj212Message n9011 =
                parse(
                        "ST=91;CN=9011;PW=123456;MN=LD130107000188;Flag=0;CP=&&QN=20160824000504006;QnRtn=1&&");
        Hj212Message n9012 =
                parse(
                        "ST=91;CN=9012;PW=123456;MN=LD130107000188;CP=&&QN=20160824000504006;ExeRtn=100&&");
        Hj212Message n1013 =
                parse(
                        "ST=91;CN=1013;PW=123456;MN=LD130102000147;Flag=1;CP=&&QN=20160824001252000&&");

        assertThat(n9015.pollutant("CON").text("RT")).isEqualTo("0");
        assertThat(n9015.dataTime()).isEqualTo(cst("2016-08-23T23:44:42+08:00"));
        assertThat(n9011.fields())
                .containsExactly(Map.entry("QN", "20160824000504006"), Map.entry("QnRtn", "1"));
        assertThat(n9012.field("ExeRtn")).isEqualTo("100");
        assertThat(n1013.field("QN")).isEqualTo("20160824001252000");
        assertThat(n1013.answerRequired()).isTrue();
        assertThat(List.of(n9015, n9011, n9012, n1013))
                .allSatisfy(m -> assertThat(m.warnings()).isEmpty());
    }

    @Test
    void versionComesFromTheFlagVersionBits() {
        String head = "QN=20260101000000000;ST=32;CN=2011;PW=123456;MN=" + MN_2017 + ";Flag=";
        String cp = ";CP=&&DataTime=20260101000000&&";

        assertThat(parse(head + "0" + cp).protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(parse(head + "1" + cp).protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(parse(head + "4" + cp).protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(parse(head + "5" + cp).protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(parse(head + "8" + cp).protocol()).isEqualTo(Hj212Version.HJ212_2025);
        Hj212Message v2025 = parse(head + "9" + cp);
        assertThat(v2025.protocol()).isEqualTo(Hj212Version.HJ212_2025);
        assertThat(v2025.answerRequired()).isTrue();
        assertThat(v2025.warnings()).isEmpty();
    }

    @Test
    void unknownVersionBitsAreFlagged() {
        Hj212Message m =
                parse(
                        "QN=20260101000000000;ST=32;CN=2011;PW=123456;MN="
                                + MN_2017
                                + ";Flag=65;CP=&&&&");

        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(m.answerRequired()).isTrue();
        assertThat(m.warnings())
                .containsExactly("Flag=65 has unknown version bits 16, assuming HJ212-2017");
    }

    @Test
    void withoutFlagTheMnDecides() {
        Hj212Message mn2005 = parse("ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&&&");
        Hj212Message mn2017 =
                parse("QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=" + MN_2017 + ";CP=&&&&");

        assertThat(mn2005.protocol()).isEqualTo(Hj212Version.HJ212_2005);
        assertThat(mn2005.warnings()).isEmpty();
        assertThat(mn2017.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(mn2017.warnings())
                .containsExactly(
                        "Flag is missing although MN has the 24-hex-digit form of HJ 212-2017");
    }

    @Test
    void a2017FlagWithAShortMnIsFlagged() {
        String line = Hj212Fixtures.rejectedExample();
        Hj212Message m = parse(line.substring(6, line.length() - 4));

        assertThat(m.protocol()).isEqualTo(Hj212Version.HJ212_2017);
        assertThat(m.warnings())
                .containsExactly("MN has 15 characters, HJ212-2017 specifies 24 hex digits");
        assertThat(m.pollutant("O3").number("Rtd")).isEqualTo(63.4);
        assertThat(m.pollutant("a34002").text("Rtd")).isEqualTo("9");
    }

    @Test
    void keysInAnyOrderAndCpInTheMiddle() {
        Hj212Message m = parse("MN=LD130133000015;PW=123456;CP=&&B01-Rtd=1.5&&;CN=2011;ST=32");

        assertThat(m.mn()).isEqualTo("LD130133000015");
        assertThat(m.cn()).isEqualTo("2011");
        assertThat(m.st()).isEqualTo("32");
        assertThat(m.pollutant("B01").number("Rtd")).isEqualTo(1.5);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void strayItemSeparatorBeforeTheClosingAmpersandsIsTolerated() {
        Hj212Message m =
                parse(
                        "ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817;B01-Rtd=36.91;&&");

        assertThat(m.pollutant("B01").number("Rtd")).isEqualTo(36.91);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void duplicateKeysLastWinsWithAWarning() {
        Hj212Message m =
                parse(
                        "ST=31;ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&01-Rtd=1.0,01-Flag=D;01-ZsRtd=2.0,01-Flag=N;AlarmType=0;AlarmType=1&&");

        assertThat(m.st()).isEqualTo("32");
        assertThat(m.pollutant("01").values())
                .containsExactly(
                        Map.entry("Rtd", "1.0"), Map.entry("Flag", "N"), Map.entry("ZsRtd", "2.0"));
        assertThat(m.field("AlarmType")).isEqualTo("1");
        assertThat(m.warnings())
                .containsExactly(
                        "duplicate header key ST, the last value wins",
                        "duplicate CP key 01-Flag, the last value wins",
                        "duplicate CP key AlarmType, the last value wins");
    }

    @Test
    void aValueThatIsNotANumberIsKeptAsTextAndFlagged() {
        Hj212Message m =
                parse(
                        "ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&w01018-Rtd=abc,w01018-Flag=N;w01001-Rtd=&&");

        assertThat(m.pollutant("w01018").text("Rtd")).isEqualTo("abc");
        assertThat(m.pollutant("w01018").number("Rtd")).isNull();
        assertThat(m.pollutant("w01001").text("Rtd")).isEmpty();
        assertThat(m.warnings())
                .containsExactly(
                        "w01018-Rtd=abc is not a number, kept as text",
                        "w01001-Rtd= is not a number, kept as text");
    }

    @Test
    void missingMnOrCnIsAFailureWithAReason() {
        DecodeFailure noMn = failure("ST=32;CN=2011;PW=123456;CP=&&B01-Rtd=1&&");
        DecodeFailure emptyMn = failure("ST=32;CN=2011;PW=123456;MN=\0\0;CP=&&&&");
        DecodeFailure noCn = failure("ST=31;C11;PW=123456;MN=LD130126000354;CP=&&B02-Rtd=0.00&&");

        assertThat(noMn.reason()).isEqualTo(Reason.MISSING_MN);
        assertThat(noMn.detail()).isEqualTo("MN (device id) is missing");
        assertThat(emptyMn.reason()).isEqualTo(Reason.MISSING_MN);
        assertThat(emptyMn.detail()).isEqualTo("MN (device id) is empty");
        assertThat(noCn.reason()).isEqualTo(Reason.MISSING_CN);
        assertThat(noCn.detail()).isEqualTo("CN (command code) is missing");
        assertThat(noCn.raw()).isNotEmpty();
    }

    @Test
    void fieldsLongerThanTheStandardAllowsAreFlaggedWithoutShowingThePassword() {
        Hj212Message m =
                parse(
                        "QN=201608010858572230;ST=321;CN=20111;PW=1234567;MN="
                                + MN_2017
                                + "X;Flag=4;CP=&&&&");

        assertThat(m.warnings())
                .contains(
                        "QN has 18 characters, the standard allows 17",
                        "ST has 3 characters, the standard allows 2",
                        "CN has 5 characters, the standard allows 4",
                        "PW has 7 characters, the standard allows 6",
                        "MN has 25 characters, the standard allows 24")
                .noneMatch(w -> w.contains("1234567"));
        assertThat(m.pw()).isEqualTo("1234567");
    }

    @Test
    void dataTimeWith14Or17DigitsAndBadDataTimeIsFlagged() {
        assertThat(parse("ST=32;CN=2011;MN=A;CP=&&DataTime=20160824003817&&").dataTime())
                .isEqualTo(cst("2016-08-24T00:38:17+08:00"));
        assertThat(parse("ST=32;CN=2011;MN=A;CP=&&DataTime=20160824003817123&&").dataTime())
                .isEqualTo(cst("2016-08-24T00:38:17.123+08:00"));
        Hj212Message bad = parse("ST=32;CN=2011;MN=A;CP=&&DataTime=20161324003817&&");
        assertThat(bad.dataTime()).isNull();
        assertThat(bad.field("DataTime")).isEqualTo("20161324003817");
        assertThat(bad.warnings())
                .containsExactly("DataTime=20161324003817 is not yyyyMMddHHmmss[SSS]");
    }

    @Test
    void missingOrUnclosedCpIsFlagged() {
        assertThat(parse("ST=32;CN=8013;MN=A").warnings()).containsExactly("CP is missing");
        Hj212Message unclosed = parse("ST=32;CN=2011;MN=A;CP=&&B01-Rtd=2.5");
        assertThat(unclosed.pollutant("B01").number("Rtd")).isEqualTo(2.5);
        assertThat(unclosed.warnings()).containsExactly("CP is not closed by '&&'");
    }

    @Test
    void carriesTheFrameAnomaliesOverAsWarnings() {
        String data = "ST=32;CN=8013;PW=123456;MN=ZG130182201205;Flag=0;CP=&&HeartbeatTime=120&&";
        Hj212Frame frame =
                new Hj212Frame(
                        Hj212Encoder.encode(data),
                        data.length(),
                        0,
                        java.util.Set.of(Hj212Frame.Anomaly.TRAILER_LF_ONLY));

        Hj212Message m = parser.parse(frame).message();

        assertThat(m.warnings()).containsExactly("frame ends with LF instead of CRLF");
    }

    @Test
    void toStringMasksPasswords() {
        Hj212Message m =
                parse(
                        "QN=20160801085857223;ST=32;CN=1072;PW=123456;MN="
                                + MN_2017
                                + ";Flag=5;CP=&&NewPW=654321&&");

        assertThat(m.toString())
                .doesNotContain("123456")
                .doesNotContain("654321")
                .contains("******");
    }

    @Test
    void randomInputNeverThrows() {
        Random random = new Random(212);
        String alphabet = "QNSTCPWMFlag=;,&-0123456789.\0#abcDE";
        String seed = Hj212Fixtures.examples().get(2);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text =
                    new StringBuilder(i % 2 == 0 ? seed.substring(6, seed.length() - 4) : "");
            for (int k = 0; k < 1 + random.nextInt(40); k++) {
                int at = text.length() == 0 ? 0 : random.nextInt(text.length());
                if (random.nextBoolean() && text.length() > 0) {
                    text.deleteCharAt(at);
                } else {
                    text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertThatCode(() -> parser.parse(text.toString())).doesNotThrowAnyException();
        }
    }
}
