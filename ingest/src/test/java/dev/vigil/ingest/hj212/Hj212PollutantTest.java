package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hj212PollutantTest {

    /** What toNumber promises: the same double as Double.valueOf, null where isNumber says no. */
    private static Double expected(String text) {
        return Hj212Pollutant.isNumber(text) ? Double.valueOf(text) : null;
    }

    @Test
    void readsNumbersExactlyAsDoubleValueOf() {
        List<String> texts =
                List.of(
                        "0",
                        "-0",
                        "+0",
                        "-0.0",
                        "7.1",
                        "63.0",
                        "1.803",
                        "231.0",
                        "0.1",
                        "1.",
                        ".5",
                        "-.5",
                        "+12.25",
                        "0000000000000000001.5",
                        "9007199254740992",
                        "9007199254740993",
                        "123456789012345678",
                        "1234567890123456789",
                        "0.0000000000000000000001",
                        "0.00000000000000000000001",
                        "1e5",
                        "1E-3",
                        "",
                        ".",
                        "-",
                        "+",
                        "1.2.3",
                        "1,5",
                        " 1",
                        "1 ",
                        "NaN",
                        "Infinity",
                        "0x10",
                        "1e400",
                        "12a",
                        "--1",
                        "1.5-",
                        "\0");
        for (String text : texts) {
            assertThat(Hj212Pollutant.toNumber(text)).as(text).isEqualTo(expected(text));
        }
    }

    @Test
    void readsRandomDecimalsExactlyAsDoubleValueOf() {
        Random random = new Random(2017);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(19);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            String value = text.toString();

            Double number = Hj212Pollutant.toNumber(value);

            assertThat(number).as(value).isEqualTo(expected(value));
            assertThat(Double.doubleToRawLongBits(number))
                    .as(value)
                    .isEqualTo(Double.doubleToRawLongBits(Double.valueOf(value)));
        }
    }
}
