package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Hj212TimeTest {

    @Test
    void readsWhatJavaTimeReadsAndRejectsWhatItRejects() {
        // GIVEN time stamps with every field at and beyond its limits, in leap and other years
        SplittableRandom random = new SplittableRandom(212);
        int[] years = {0, 1, 4, 100, 400, 1900, 1970, 2000, 2016, 2017, 2100, 9999};
        for (int year : years) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    int hour = random.nextInt(25);
                    int minute = random.nextInt(61);
                    int second = random.nextInt(61);
                    int millis = random.nextInt(1000);
                    String seconds =
                            String.format(
                                    "%04d%02d%02d%02d%02d%02d",
                                    year, month, day, hour, minute, second);

                    // WHEN both read them THEN they agree, with and without milliseconds
                    assertThat(Hj212Time.parse(seconds))
                            .as(seconds)
                            .isEqualTo(expected(year, month, day, hour, minute, second, 0));
                    String withMillis = seconds + String.format("%03d", millis);
                    assertThat(Hj212Time.parse(withMillis))
                            .as(withMillis)
                            .isEqualTo(expected(year, month, day, hour, minute, second, millis));
                }
            }
        }
    }

    @Test
    void readsChinaStandardTime() {
        assertThat(Hj212Time.parse("20160824003817000"))
                .isEqualTo(Instant.parse("2016-08-23T16:38:17Z"));
        assertThat(Hj212Time.parse("20000229235959"))
                .isEqualTo(Instant.parse("2000-02-29T15:59:59Z"));
        assertThat(Hj212Time.parse("20010229000000")).isNull();
        assertThat(Hj212Time.parse("2016082400381")).isNull();
        assertThat(Hj212Time.parse("2016082400381x")).isNull();
    }

    private static Instant expected(
            int year, int month, int day, int hour, int minute, int second, int millis) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(Hj212Time.CST);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
