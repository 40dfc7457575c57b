package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.hourly.HourlyAverage;
import dev.vigil.jobs.detect.hourly.HourlyPoints;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import org.junit.jupiter.api.Test;

/** Alerts and hourly values as InfluxDB lines. */
class PointsTest {

    @Test
    void anAlertIsAPointAtItsEventTimeWithItsIdAsAField() {
        Alert alert =
                AlertBuilder.alert("abc", Alert.Type.THRESHOLD, Alert.State.FIRING)
                        .severity(Severity.ALARM)
                        .about("src 1", "WS-01", "w01018", null)
                        .value(120.0, 100.0)
                        .rule("r1", 2, DataKind.REALTIME)
                        .at(T0, T0.plusSeconds(1))
                        .message("say \"hi\"")
                        .build();
        assertThat(AlertPoints.of(alert).orElseThrow().toLineProtocol())
                .isEqualTo(
                        "alert,outlet=WS-01,pollutant=w01018,rule=r1,source=src\\ 1,state=firing,"
                                + "type=threshold alert_id=\"abc\",severity=\"ALARM\",value=120.0,"
                                + "limit=100.0,rule_version=2i,revised=false,suppressed=false,"
                                + "message=\"say \\\"hi\\\"\" "
                                + T0.toEpochMilli());
    }

    @Test
    void anAlertWithAnUnwritableTagIsSkipped() {
        Alert alert =
                AlertBuilder.alert("abc", Alert.Type.OFFLINE, Alert.State.FIRING)
                        .about("src\n", null, null, null)
                        .at(T0, T0)
                        .message("m")
                        .build();
        assertThat(AlertPoints.of(alert)).isEmpty();
    }

    @Test
    void anHourIsAPointAtItsStartThatARevisionOverwrites() {
        HourlyResult live =
                new HourlyResult(
                        "MN1",
                        "src",
                        "WS-01",
                        "w01018",
                        T0,
                        null,
                        HourlyAverage.Basis.NONE,
                        null,
                        null,
                        4,
                        4,
                        12,
                        false,
                        null,
                        "ref");
        HourlyResult revised =
                new HourlyResult(
                        "MN1",
                        "src",
                        "WS-01",
                        "w01018",
                        T0,
                        106.5,
                        HourlyAverage.Basis.COMPUTED,
                        106.5,
                        null,
                        12,
                        12,
                        12,
                        true,
                        null,
                        "ref");

        String liveLine = HourlyPoints.of(live).orElseThrow().toLineProtocol();
        String revisedLine = HourlyPoints.of(revised).orElseThrow().toLineProtocol();
        String series = "hourly,mn=MN1,outlet=WS-01,pollutant=w01018,source=src ";
        assertThat(liveLine)
                .startsWith(series)
                .contains("basis=\"none\"", "valid=false", "valid_count=4i")
                .doesNotContain("value=")
                .endsWith(" " + T0.toEpochMilli());
        assertThat(revisedLine)
                .startsWith(series)
                .contains("value=106.5", "valid=true", "revised=true")
                .endsWith(" " + T0.toEpochMilli());
    }
}
