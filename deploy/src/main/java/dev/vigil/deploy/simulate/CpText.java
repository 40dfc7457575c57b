package dev.vigil.deploy.simulate;

import java.time.Instant;

/**
 * Writes the CP part of an upload the way data loggers do: {@code DataTime=...;} then one item per
 * pollutant with its comma-separated sub-fields, e.g. {@code w01018-Rtd=42.10,w01018-Flag=N}.
 */
final class CpText {

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final StringBuilder text = new StringBuilder(160);
    private boolean itemOpen;

    CpText(Instant dataTime) {
        text.append("DataTime=");
        CstTime.appendSeconds(text, dataTime.toEpochMilli());
    }

    /** Starts the item of one pollutant. */
    CpText item() {
        text.append(';');
        itemOpen = false;
        return this;
    }

    /** Adds {@code code-name=value} with {@code decimals} digits after the point. */
    CpText field(String code, String name, double value, int decimals) {
        separate();
        text.append(code).append('-').append(name).append('=');
        appendDecimal(text, value, decimals);
        return this;
    }

    /** Adds {@code code-name=value} verbatim. */
    CpText field(String code, String name, char value) {
        separate();
        text.append(code).append('-').append(name).append('=').append(value);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void separate() {
        if (itemOpen) {
            text.append(',');
        }
        itemOpen = true;
    }

    /** Writes a number with a fixed count of decimals and no exponent, like field devices. */
    static void appendDecimal(StringBuilder out, double value, int decimals) {
        long scale = POWERS[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (decimals > 0) {
            out.append('.');
            String fraction = Long.toString(scaled % scale);
            for (int i = fraction.length(); i < decimals; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
    }
}
