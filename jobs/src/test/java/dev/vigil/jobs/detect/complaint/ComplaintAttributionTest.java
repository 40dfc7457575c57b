package dev.vigil.jobs.detect.complaint;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribution of complaints to sources and their alerts, without Flink. */
class ComplaintAttributionTest {

    private final Source near = located("src-near", 31.2000, 121.4000, "East");
    private final Source far = located("src-far", 31.3000, 121.4000, "West");

    @Test
    void aComplaintWithAPointGoesToTheNearestSource() {
        Place place = new Place(null, new GeoPoint(31.2010, 121.4000), null, null);
        assertThat(ComplaintAttribution.of(List.of(far, near), place))
                .hasValueSatisfying(
                        a -> {
                            assertThat(a.source().sourceId()).isEqualTo("src-near");
                            assertThat(a.meters()).isBetween(100.0, 120.0);
                        });
    }

    @Test
    void withoutAPointTheStreetDecidesThenTheArea() {
        assertThat(
                        ComplaintAttribution.of(
                                List.of(far, near), new Place(null, null, "Riverside", "West")))
                .hasValueSatisfying(a -> assertThat(a.source().sourceId()).isEqualTo("src-far"));
        assertThat(
                        ComplaintAttribution.of(
                                List.of(far, near), new Place(null, null, "Riverside", null)))
                .hasValueSatisfying(a -> assertThat(a.source().sourceId()).isEqualTo("src-far"));
        assertThat(
                        ComplaintAttribution.of(
                                List.of(far, near), new Place("nowhere", null, null, null)))
                .isEmpty();
        assertThat(
                        ComplaintAttribution.of(
                                List.of(), new Place(null, new GeoPoint(0, 0), null, null)))
                .isEmpty();
    }

    @Test
    void theAlertCarriesTheComplaintButNotItsText() {
        Complaint complaint =
                new Complaint(
                        "C-9",
                        Complaint.Channel.WEB,
                        Complaint.Category.SMOKE,
                        "call me at 13800000000",
                        new Place("2 River Road", new GeoPoint(31.2010, 121.4), null, null),
                        List.of(),
                        T0,
                        T0.plusSeconds(5));
        Alert alert =
                ComplaintAlerts.alert(
                        complaint,
                        ComplaintAttribution.of(List.of(near), complaint.place()).get(),
                        T0);

        assertThat(alert.alertId()).isEqualTo(Alert.idFor("COMPLAINT", "C-9"));
        assertThat(alert.severity()).isEqualTo(Severity.ALARM);
        assertThat(alert.sourceId()).isEqualTo("src-near");
        assertThat(alert.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e.ref()).isEqualTo("C-9"));
        assertThat(alert.toString()).doesNotContain("13800000000");
    }

    private static Source located(String id, double lat, double lon, String street) {
        Source s = Fixtures.source();
        return new Source(
                id,
                id,
                null,
                s.kind(),
                new Place(null, new GeoPoint(lat, lon), "Riverside", street),
                s.groups(),
                s.outlets(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                1,
                s.updatedAt());
    }
}
