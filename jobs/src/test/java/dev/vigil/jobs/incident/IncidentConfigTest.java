package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.CONFIG;
import static dev.vigil.jobs.incident.IncidentFixtures.T0;
import static dev.vigil.jobs.incident.IncidentFixtures.exceedance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Severity;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The job's settings are validated, and its state survives Flink's serializer (checkpoints). */
class IncidentConfigTest {

    @Test
    void defaultsCoverEverySeverity() {
        assertThat(IncidentConfig.DEFAULTS.acknowledgeWithin(Severity.SEVERE))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(IncidentConfig.DEFAULTS.acknowledgeWithin(Severity.WARNING))
                .isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void invalidSettingsNameTheirKey() {
        assertThatThrownBy(
                        () ->
                                new IncidentConfig(
                                        Duration.ZERO,
                                        IncidentConfig.DEFAULTS.acknowledgeWithin(),
                                        Duration.ofMinutes(1),
                                        Duration.ofMinutes(1)))
                .hasMessageContaining("correlationWindow");
        assertThatThrownBy(
                        () ->
                                new IncidentConfig(
                                        Duration.ofMinutes(1),
                                        Map.of(Severity.SEVERE, Duration.ofMinutes(1)),
                                        Duration.ofMinutes(1),
                                        Duration.ofMinutes(1)))
                .hasMessageContaining("acknowledgeWithin.INFO");
    }

    @Test
    void anIncidentSurvivesFlinksSerializer() throws Exception {
        List<IncidentEvent> events = new ArrayList<>();
        Incident incident =
                Incident.open(
                        exceedance(T0),
                        SourcePlace.describe(IncidentFixtures.source()),
                        0,
                        CONFIG,
                        events);
        TypeSerializer<Incident> serializer =
                TypeInformation.of(Incident.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(incident, out);
        Incident copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(copy.incidentId()).isEqualTo(incident.incidentId());
        assertThat(copy.alertIds()).containsExactly("a-cod");
        assertThat(copy.timers()).isEqualTo(incident.timers());
        assertThat(copy.hasSeen(exceedance(T0))).isTrue();
    }
}
