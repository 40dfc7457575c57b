package dev.vigil.console.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.source.Source;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCsvTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HEADER = SourceCsv.HEADER;

    @Test
    void mergesTheRowsOfOneSource() {
        String csv =
                HEADER
                        + "\nS1,Works,E,WATER,31,121,addr,st,g1;g2,WS-01,outfall,WASTEWATER,MN1,123456,30,w01018,100,mg/L"
                        + "\nS1,,,,,,,,,WS-01,,,,,,w01001,9,pH"
                        + "\nS1,,,,,,,,,WS-02,\"rain, east\",RAINWATER,MN2,654321,60,,,"
                        + "\n";
        SourceCsv.Result result = SourceCsv.read(csv, id -> null, NOW);

        assertThat(result.errors()).isEmpty();
        assertThat(result.created()).isEqualTo(1);
        Source s = result.sources().get(0);
        assertThat(s.groups()).containsExactly("g1", "g2");
        assertThat(s.outlets()).hasSize(2);
        assertThat(s.outlet("WS-02").orElseThrow().name()).isEqualTo("rain, east");
        assertThat(s.devices()).hasSize(2);
        assertThat(s.device("MN1").orElseThrow().passwordMatches("123456")).isTrue();
        assertThat(s.permitLimits()).hasSize(2);
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.place().location().lat()).isEqualTo(31);
    }

    @Test
    void everyWrongLineIsReportedAndNothingIsReturned() {
        String csv =
                HEADER
                        + "\nS1,Works,E,WATER,31,121,addr,st,g1,WS-01,outfall,WASTEWATER,MN1,123456,30,w01018,100,mg/L"
                        + "\nS2,Works,E,WATER,north,121,addr,st,g1,WS-01,outfall,WASTEWATER,MN2,,30,w01018,100,mg/L"
                        + "\nS3,too,few"
                        + "\nS4,Works,E,WATER,31,121,addr,st,g1,WS-01,outfall,WASTEWATER,MN4,1,30,w01018,,mg/L";
        SourceCsv.Result result = SourceCsv.read(csv, id -> null, NOW);

        assertThat(result.sources()).isEmpty();
        assertThat(result.created()).isZero();
        assertThat(result.errors())
                .extracting(e -> e.line() + ":" + e.field())
                .containsExactly("3:lat", "3:password", "4:null", "5:limit");
    }

    @Test
    void anExistingSourceGetsANewVersionKeepingDeviceHashesWithoutAPassword() {
        Source before =
                SourceCsv.read(
                                HEADER
                                        + "\nS1,Works,E,WATER,31,121,addr,st,g1,WS-01,outfall,WASTEWATER,MN1,123456,30,w01018,100,mg/L",
                                id -> null,
                                NOW)
                        .sources()
                        .get(0);
        SourceCsv.Result result =
                SourceCsv.read(
                        HEADER
                                + "\nS1,Renamed,E,WATER,31,121,addr,st,g1,WS-01,outfall,WASTEWATER,MN1,,30,w01018,80,mg/L",
                        Map.of("S1", before)::get,
                        NOW);

        assertThat(result.errors()).isEmpty();
        assertThat(result.updated()).isEqualTo(1);
        Source after = result.sources().get(0);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.name()).isEqualTo("Renamed");
        assertThat(after.device("MN1").orElseThrow().passwordHash())
                .isEqualTo(before.device("MN1").orElseThrow().passwordHash());
    }

    @Test
    void theHeaderMustBeTheContractsOne() {
        SourceCsv.Result result = SourceCsv.read("id,name\nS1,x", id -> null, NOW);
        assertThat(result.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("header"));
    }
}
