package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CivilDateTest {

    @Test
    void everyDayOfTheYearsZeroTo9999IsTheDateJavaTimeGives() {
        long first = LocalDate.of(0, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long day = first; day <= last; day++) {
            LocalDate expected = LocalDate.ofEpochDay(day);
            int want =
                    expected.getYear() * 10_000
                            + expected.getMonthValue() * 100
                            + expected.getDayOfMonth();
            if (CivilDate.yyyymmdd(day) != want) {
                assertThat(CivilDate.yyyymmdd(day)).as("epoch day %d", day).isEqualTo(want);
            }
        }
        assertThat(CivilDate.yyyymmdd(0)).isEqualTo(19700101);
        assertThat(CivilDate.yyyymmdd(LocalDate.of(2016, 8, 24).toEpochDay())).isEqualTo(20160824);
        assertThat(CivilDate.yyyymmdd(LocalDate.of(2000, 2, 29).toEpochDay())).isEqualTo(20000229);
    }
}
