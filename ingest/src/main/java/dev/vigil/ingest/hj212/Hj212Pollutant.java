package dev.vigil.ingest.hj212;

import java.util.Map;
import java.util.Objects;

/**
 * Every sub-field an HJ 212 frame carries for one pollutant or piece of equipment ({@code
 * w01018-Rtd}, {@code w01018-Flag}, {@code SB1-RS}, ...), kept verbatim as text in frame order.
 *
 * @param code the part before {@code -}, e.g. {@code w01018}, {@code 011}, {@code SB1}
 * @param values sub-field name (e.g. {@code Rtd}, {@code ZsAvg}, {@code Flag}) to its text
 */
public record Hj212Pollutant(String code, Map<String, String> values) {

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
        return text == null ? null : toNumber(text);
    }

    /** Tells whether the standard defines a sub-field (e.g. {@code Rtd}) as numeric. */
    public static boolean isNumeric(String subField) {
        // A switch, not a set: the parser asks for every CP item.
        return switch (subField) {
            case "Rtd",
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
                    "RT" ->
                    true;
            default -> false;
        };
    }

    /**
     * Returns text as a number exactly as {@link Double#valueOf(String)} reads it, or null when
     * {@link #isNumber} rejects it.
     *
     * <p>Plain decimals of up to 18 digits whose digits without the point fit 2<sup>53</sup> (every
     * reading real devices send) take a short path: the digits as a long divided by a power of ten
     * up to 10<sup>22</sup>. Both are exact doubles, so the one correctly rounded division gives
     * the same double as {@code Double.valueOf}; anything else goes through it.
     */
    public static Double toNumber(String text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long digits = 0;
        int count = 0;
        int point = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
            } else if (c == '.' && point < 0) {
                point = count;
            } else {
                break;
            }
        }
        if (i == n) {
            double value = plainDecimal(digits, count, point, negative);
            if (!Double.isNaN(value)) {
                return value;
            }
        }
        return isNumber(text) ? Double.valueOf(text) : null;
    }

    /**
     * The short path of {@link #toNumber} for a plain decimal that was read as {@code count} digits
     * ({@code digits} as a long, without the point), the point in front of digit {@code point} (-1
     * for none) and a sign: its value, or NaN when it does not qualify and must be read by {@link
     * Double#valueOf(String)}. Shared with the parser, which reads the digits while it scans a CP
     * item.
     */
    static double plainDecimal(long digits, int count, int point, boolean negative) {
        if (count == 0 || count > 18 || digits > 1L << 53) {
            return Double.NaN;
        }
        // count <= 18, so the scale is within the exact powers of ten.
        double value = digits / POWERS_OF_TEN[point < 0 ? 0 : count - point];
        return negative ? -value : value;
    }

    /** 10<sup>0</sup> to 10<sup>22</sup>: the powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

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
