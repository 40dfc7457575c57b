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

    @Test
    void everyDateOfTheYearsZeroTo9999HasTheDayCountJavaTimeGives() {
        for (int year = 0; year <= 9999; year++) {
            for (int month = 1; month <= 12; month++) {
                int length = java.time.YearMonth.of(year, month).lengthOfMonth();
                if (CivilDate.monthLength(year, month) != length) {
                    assertThat(CivilDate.monthLength(year, month))
                            .as("%04d-%02d", year, month)
                            .isEqualTo(length);
                }
                for (int day = 1; day <= length; day++) {
                    long want = LocalDate.of(year, month, day).toEpochDay();
                    if (CivilDate.epochDay(year, month, day) != want) {
                        assertThat(CivilDate.epochDay(year, month, day))
                                .as("%04d-%02d-%02d", year, month, day)
                                .isEqualTo(want);
                    }
                }
            }
        }
        assertThat(CivilDate.epochDay(1970, 1, 1)).isZero();
        assertThat(CivilDate.monthLength(1900, 2)).isEqualTo(28);
        assertThat(CivilDate.monthLength(2000, 2)).isEqualTo(29);
    }
}
