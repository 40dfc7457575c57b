package dev.vigil.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser reads numeric sub-fields while it splits the items; each must come out as {@link
 * Hj212Pollutant#toNumber} reads the text alone, at every position of the item list.
 */
class Hj212ParserNumbersTest {

    private static final List<String> VALUES =
            List.of(
                    "0",
                    "0.00",
                    "-0",
                    "-0.000",
                    "+0",
                    "+12.5",
                    "-3.185592",
                    "231.0",
                    ".5",
                    "5.",
                    ".",
                    "-",
                    "+",
                    "",
                    "1.2.3",
                    "1-2",
                    "12a",
                    "1e3",
                    "-1.5E-3",
                    "0x10",
                    "NaN",
                    "Infinity",
                    "123456789012345678",
                    "1234567890123456789",
                    "9007199254740992",
                    "9007199254740993",
                    "900719925474099.3",
                    "0.000000000000000001",
                    "00000000000000000001.5",
                    "208490.21",
                    "N");

    private final Hj212Parser parser = new Hj212Parser();

    @Test
    void everyValueReadsAsToNumberReadsItAloneWhereverItStands() {
        for (String value : VALUES) {
            for (String separatorAfter : List.of(";", ",", "")) {
                // GIVEN the value as the Rtd of a pollutant in the middle or at the end of CP
                String cp =
                        "DataTime=20160824003817;a01-Rtd="
                                + value
                                + separatorAfter
                                + (separatorAfter.isEmpty() ? "" : "a02-Avg=1.5");
                Hj212Message message =
                        parser.parse("ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&" + cp + "&&")
                                .message();

                // WHEN the report is made THEN its number is toNumber's, sign of zero included
                Double expected = Hj212Pollutant.toNumber(value);
                Double rtd =
                        Hj212ReportMapper.toReport(
                                        message, java.time.Instant.EPOCH, new byte[] {'#', '#'})
                                .pollutants()
                                .get(0)
                                .rtd();
                assertThat(rtd)
                        .as("a01-Rtd=%s then '%s'", value, separatorAfter)
                        .isEqualTo(expected);
                if (expected != null) {
                    assertThat(Double.doubleToRawLongBits(rtd))
                            .isEqualTo(Double.doubleToRawLongBits(Double.valueOf(value)));
                }
            }
        }
    }
}
