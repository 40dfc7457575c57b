package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hj212ReportMapperTest {

    private static final Instant RECEIVED = Instant.parse("2016-08-23T16:38:18.250Z");

    private final Hj212Parser parser = new Hj212Parser();

    /** Decodes, parses and maps one frame given without its CRLF. */
    private Report report(String line) {
        Hj212Frame frame = Hj212Fixtures.frameOf(line);
        return Hj212ReportMapper.toReport(parser.parse(frame).message(), RECEIVED, frame.raw());
    }

    private Report reportOf(String dataSegment) {
        return report(Hj212Encoder.encodeText(dataSegment).replace("\r\n", ""));
    }

    private static Instant cst(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void realTimeFrameOf2005() throws NoSuchAlgorithmException {
        String line = Hj212Fixtures.examples().get(7);

        Report report = report(line);

        assertThat(report.mn()).isEqualTo("LD130133000015");
        assertThat(report.protocol()).isEqualTo("HJ212-2005");
        assertThat(report.cn()).isEqualTo("2011");
        assertThat(report.st()).isEqualTo("32");
        assertThat(report.qn()).isNull();
        assertThat(report.flag()).isNull();
        assertThat(report.dataTime()).isEqualTo(cst("2016-08-24T00:38:17+08:00"));
        assertThat(report.receivedAt()).isEqualTo(RECEIVED);
        assertThat(report.pollutants())
                .extracting(Pollutant::code)
                .containsExactly("B01", "011", "060");
        assertThat(report.pollutant("B01").orElseThrow().rtd()).isEqualTo(36.91);
        Pollutant cod = report.pollutant("011").orElseThrow();
        assertThat(cod.rtd()).isEqualTo(231.0);
        assertThat(cod.flag()).isEqualTo("N");
        assertThat(cod.extra()).isEmpty();
        assertThat(report.fields()).containsExactly(Map.entry("DataTime", "20160824003817000"));
        assertThat(report.packetCount()).isNull();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.rawDigest())
                .isEqualTo(sha256((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void realTimeFrameOf2017WithSampleTimeAndExtendedFlag() {
        Report report = report(Hj212Fixtures.examples().get(1));

        assertThat(report.protocol()).isEqualTo("HJ212-2017");
        assertThat(report.qn()).isEqualTo("20160801085857223");
        assertThat(report.flag()).isEqualTo(5);
        assertThat(report.answerRequested()).isTrue();
        Pollutant cod = report.pollutant("w01018").orElseThrow();
        assertThat(cod.rtd()).isEqualTo(2.2);
        assertThat(cod.flag()).isEqualTo("N");
        assertThat(cod.eflag()).isEqualTo("A01");
        assertThat(cod.sampleTime()).isEqualTo(cst("2016-08-01T07:00:00+08:00"));
        assertThat(report.pollutant("w01001").orElseThrow().rtd()).isEqualTo(7.1);
    }

    @Test
    void hourlySplitPacketWithEveryAggregate() {
        Report report = report(Hj212Fixtures.examples().get(3));

        assertThat(report.packetCount()).isEqualTo(2);
        assertThat(report.packetNumber()).isEqualTo(1);
        Pollutant flow = report.pollutant("w00000").orElseThrow();
        assertThat(flow.cou()).isEqualTo(63.0);
        assertThat(flow.min()).isEqualTo(16.4);
        assertThat(flow.avg()).isEqualTo(17.5);
        assertThat(flow.max()).isEqualTo(20.1);
        assertThat(flow.rtd()).isNull();
    }

    @Test
    void convertedValuesAlarmsAndEquipmentStatus() {
        Report flueGas =
                reportOf(
                        "ST=31;CN=2051;PW=123456;MN=LD130131000211;CP=&&DataTime=20160824000000000;"
                                + "01-Min=4.70,01-ZsRtd=5.1,01-ZsMin=4.72,01-ZsAvg=5.37,01-ZsMax=6.52,01-ZsCou=0.3,01-ZsFlag=N&&");
        Report alarm = report(Hj212Fixtures.examples().get(9));
        Report status =
                reportOf(
                        "ST=32;CN=2021;PW=123456;MN=ZG130102201215;CP=&&DataTime=20160823235130;SB1-RS=1;SB2-RT=23.5&&");

        Pollutant so2 = flueGas.pollutant("01").orElseThrow();
        assertThat(so2.zsRtd()).isEqualTo(5.1);
        assertThat(so2.zsMin()).isEqualTo(4.72);
        assertThat(so2.zsAvg()).isEqualTo(5.37);
        assertThat(so2.zsMax()).isEqualTo(6.52);
        assertThat(so2.extra()).containsOnly(Map.entry("ZsCou", "0.3"), Map.entry("ZsFlag", "N"));
        assertThat(alarm.pollutant("B01").orElseThrow().extra())
                .containsOnly(Map.entry("Ala", "16.00"));
        assertThat(alarm.fields())
                .containsOnly(
                        Map.entry("AlarmTime", "20160823235559"), Map.entry("AlarmType", "1"));
        assertThat(status.pollutant("SB1").orElseThrow().extra())
                .containsOnly(Map.entry("RS", "1"));
        assertThat(status.pollutant("SB2").orElseThrow().extra())
                .containsOnly(Map.entry("RT", "23.5"));
    }

    @Test
    void textWhereANumberBelongsIsKeptInExtra() {
        Report report =
                reportOf(
                        "ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&w01018-Rtd=abc,w01018-Avg=1e999,w01018-SampleTime=2016&&");

        Pollutant cod = report.pollutant("w01018").orElseThrow();
        assertThat(cod.rtd()).isNull();
        assertThat(cod.avg()).isNull();
        assertThat(cod.sampleTime()).isNull();
        assertThat(cod.extra())
                .containsOnly(
                        Map.entry("Rtd", "abc"),
                        Map.entry("Avg", "1e999"),
                        Map.entry("SampleTime", "2016"));
        assertThat(report.warnings())
                .containsExactly(
                        "w01018-Rtd=abc is not a number, kept as text",
                        "w01018-Avg=1e999 is not a number, kept as text",
                        "w01018-SampleTime=2016 is not yyyyMMddHHmmss[SSS], kept as text");
    }

    @Test
    void stMadeOfNulBytesBecomesEmpty() {
        Report report =
                reportOf(
                        "ST=\0\0;CN=2051;PW=123456;MN=LD130133000017;CP=&&DataTime=20160824001000000;B01-Cou=161.47&&");

        assertThat(report.st()).isEmpty();
        assertThat(report.warnings()).containsExactly("removed 2 NUL bytes from ST", "ST is empty");
    }

    @Test
    void aLonePnumIsDroppedWithAWarning() {
        Report report =
                reportOf(
                        "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=7;PNUM=2;CP=&&&&");

        assertThat(report.packetCount()).isNull();
        assertThat(report.packetNumber()).isNull();
        assertThat(report.warnings())
                .containsExactly(
                        "Flag marks a split packet (D=1) but PNUM or PNO is missing",
                        "PNUM and PNO must come together; dropped the one that came alone");
    }

    @Test
    void everyFrameOfTheRealHourMapsToAReport() throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel(new Hj212FrameDecoder());
        channel.writeInbound(
                Unpooled.wrappedBuffer(Files.readAllBytes(Hj212Fixtures.realTraffic())));
        int reports = 0;
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof Hj212Frame frame) {
                Report report =
                        Hj212ReportMapper.toReport(
                                parser.parse(frame).message(), RECEIVED, frame.raw());
                assertThat(report.protocolVersion()).contains(ProtocolVersion.HJ212_2005);
                reports++;
            }
        }
        assertThat(channel.finish()).isFalse();
        assertThat(reports).isEqualTo(9_447);
    }

    @Test
    void everyVersionLabelIsOneTheEventsContractKnows() {
        for (Hj212Version version : Hj212Version.values()) {
            assertThat(ProtocolVersion.fromLabel(version.label())).as(version.label()).isPresent();
            assertThat(ProtocolVersion.fromFlag(version.flag(false, false)).orElseThrow().label())
                    .isEqualTo(version.label());
        }
    }
}
