package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoPointTest {

    @Test
    void rejectsCoordinatesOffTheGlobe() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageStartingWith("lat:");
        assertThatThrownBy(() -> new GeoPoint(0, -181)).hasMessageStartingWith("lon:");
        assertThatThrownBy(() -> new GeoPoint(Double.NaN, 0)).hasMessageStartingWith("lat:");
    }

    @Test
    void measuresGreatCircleDistance() {
        // One degree of latitude is about 111.2 km everywhere.
        assertThat(new GeoPoint(31, 121).metersTo(new GeoPoint(32, 121)))
                .isCloseTo(111_195, within(50.0));
        assertThat(new GeoPoint(31, 121).metersTo(new GeoPoint(31, 121))).isZero();
    }
}
