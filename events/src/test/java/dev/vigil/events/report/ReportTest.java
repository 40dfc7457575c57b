package dev.vigil.events.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.DataKind;
import dev.vigil.events.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void digestIsLowercaseSha256OfTheRawFrame() {
        assertThat(Report.digest("abc".getBytes()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsADigestThatIsNotLowercaseHex() {
        assertThatThrownBy(
                        () ->
                                report(
                                        List.of(),
                                        null,
                                        null,
                                        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rawDigest:");
    }

    @Test
    void isImmutableEvenWhenGivenMutableLists() {
        List<String> warnings = new ArrayList<>(List.of("datatime-in-future"));
        Report report = report(warnings, null, null, Samples.JPEG_HASH);

        warnings.add("added later");

        assertThat(report.warnings()).containsExactly("datatime-in-future");
        assertThatThrownBy(() -> report.warnings().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void splitPacketNeedsBothCountAndNumber() {
        assertThatThrownBy(() -> report(List.of(), 2, null, Samples.JPEG_HASH))
                .hasMessageStartingWith("packetCount and packetNumber:");
    }

    @Test
    void readsDataKindFlagAndEditionFromTheFrame() {
        Report hourly = Samples.fullReport();

        assertThat(hourly.dataKind()).contains(DataKind.HOURLY);
        assertThat(hourly.answerRequested()).isTrue();
        assertThat(hourly.protocolVersion()).contains(ProtocolVersion.HJ212_2017);
        assertThat(Samples.sparseReport().dataKind()).isEmpty();
        assertThat(Samples.sparseReport().answerRequested()).isFalse();
    }

    @Test
    void findsPollutantsAndEquipmentByCode() {
        Report report = Samples.fullReport();

        assertThat(report.pollutant("w01018")).map(Pollutant::avg).contains(40.5);
        assertThat(report.pollutant("SB1")).map(p -> p.extra().get("RS")).contains("1");
        assertThat(report.pollutant("w00000")).isEmpty();
    }

    @Test
    void rejectsValuesThatAreNotNumbers() {
        assertThatThrownBy(
                        () ->
                                new Pollutant(
                                        "w01018",
                                        Double.NaN,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "N",
                                        null,
                                        null,
                                        null))
                .hasMessage("rtd: must be a finite number, was NaN");
    }

    @Test
    void editionIsReadFromTheFlagVersionBits() {
        assertThat(ProtocolVersion.fromFlag(0)).contains(ProtocolVersion.HJ212_2005);
        assertThat(ProtocolVersion.fromFlag(3)).contains(ProtocolVersion.HJ212_2005);
        assertThat(ProtocolVersion.fromFlag(5)).contains(ProtocolVersion.HJ212_2017);
        assertThat(ProtocolVersion.fromFlag(7)).contains(ProtocolVersion.HJ212_2017);
        assertThat(ProtocolVersion.fromFlag(9)).contains(ProtocolVersion.HJ212_2025);
        assertThat(ProtocolVersion.fromFlag(12)).isEmpty();
        assertThat(ProtocolVersion.fromLabel("HJ212-2025")).contains(ProtocolVersion.HJ212_2025);
        assertThat(ProtocolVersion.fromLabel("HJ212-2030")).isEmpty();
    }

    private static Report report(
            List<String> warnings, Integer packetCount, Integer packetNumber, String rawDigest) {
        Report r = Samples.fullReport();
        return new Report(
                r.mn(),
                r.protocol(),
                r.cn(),
                r.st(),
                r.qn(),
                r.flag(),
                r.dataTime(),
                r.receivedAt(),
                r.pollutants(),
                r.fields(),
                packetCount,
                packetNumber,
                warnings,
                rawDigest);
    }
}
