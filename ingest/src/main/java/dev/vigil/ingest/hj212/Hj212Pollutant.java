package dev.vigil.ingest.hj212;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every sub-field an HJ 212 frame carries for one pollutant or piece of equipment ({@code
 * w01018-Rtd}, {@code w01018-Flag}, {@code SB1-RS}, ...), kept verbatim as text in frame order.
 *
 * @param code the part before {@code -}, e.g. {@code w01018}, {@code 011}, {@code SB1}
 * @param values sub-field name (e.g. {@code Rtd}, {@code ZsAvg}, {@code Flag}) to its text
 */
public record Hj212Pollutant(String code, Map<String, String> values) {

    /** Sub-fields whose values the standard defines as numbers. */
    private static final Set<String> NUMERIC =
            Set.of(
                    "Rtd",
                    "Min",
                    "Avg",
                    "Max",
                    "ZsRtd",
                    "ZsMin",
                    "ZsAvg",
                    "ZsMax",
                    "Cou",
                    "ZsCou",
                    "Ala",
                    "UpValue",
                    "LowValue",
                    "RS",
                    "RT");

    public Hj212Pollutant {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(values, "values");
    }

    /** Returns the text of a sub-field, or null when the frame did not carry it. */
    public String text(String subField) {
        return values.get(subField);
    }

    /** Returns a sub-field as a number, or null when it is absent or not a number. */
    public Double number(String subField) {
        String text = values.get(subField);
        return text != null && isNumber(text) ? Double.valueOf(text) : null;
    }

    /** Tells whether the standard defines a sub-field (e.g. {@code Rtd}) as numeric. */
    public static boolean isNumeric(String subField) {
        return NUMERIC.contains(subField);
    }

    /**
     * Tells whether text is a plain decimal number: optional sign, digits with at most one point,
     * optional exponent, and finite as a double. Cheaper than catching {@link
     * NumberFormatException}; rejects NaN and Infinity.
     */
    public static boolean isNumber(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        boolean exponent = i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E');
        if (exponent) {
            i++;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        if (i != n) {
            return false;
        }
        // Only an exponent or more than 300 digits can overflow a double.
        return (!exponent && digits <= 300) || Double.isFinite(Double.parseDouble(text));
    }
}
