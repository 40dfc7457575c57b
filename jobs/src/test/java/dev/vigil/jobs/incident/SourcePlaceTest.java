package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.detect.registry.RegistryUpdate;
import org.junit.jupiter.api.Test;

/** What the incident job keeps of a registered source. */
class SourcePlaceTest {

    @Test
    void aSourceBecomesTheTextItsIncidentsOpenWith() {
        SourcePlace place =
                SourcePlace.of(RegistryUpdate.source(SOURCE, IncidentFixtures.source()));

        assertThat(place.sourceId()).isEqualTo(SOURCE);
        assertThat(place.where())
                .isEqualTo(
                        " at Riverside Paper, East, Riverside (responsible: "
                                + IncidentFixtures.AGENCY
                                + ")");
    }

    @Test
    void aTombstoneHasNoPlaceAndAnUnknownSourceNoText() {
        assertThat(SourcePlace.of(RegistryUpdate.source(SOURCE, null)).where()).isNull();
        assertThat(SourcePlace.describe(null)).isEmpty();
    }
}
