package dev.vigil.events.report;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The values one HJ 212 frame carried for one pollutant or piece of equipment ({@code SB1} with its
 * {@code RS} run state and {@code RT} run time in {@link #extra()}), with every sub-field the frame
 * had; absent sub-fields are {@code null}.
 *
 * @param code pollutant or equipment code as sent, e.g. {@code w01018}, {@code a21026}, {@code
 *     011}, {@code SB1}
 * @param rtd real-time value ({@code -Rtd}); nullable
 * @param min interval minimum ({@code -Min}); nullable
 * @param avg interval average ({@code -Avg}); nullable
 * @param max interval maximum ({@code -Max}); nullable
 * @param zsRtd converted (oxygen-corrected) real-time value ({@code -ZsRtd}); nullable
 * @param zsMin converted minimum; nullable
 * @param zsAvg converted average; nullable
 * @param zsMax converted maximum; nullable
 * @param cou cumulative value ({@code -Cou}), e.g. discharge volume; nullable
 * @param flag data flag as sent ({@code -Flag}); nullable; read it with {@link #dataFlag()}
 * @param eflag vendor's extended flag ({@code -EFlag}); nullable
 * @param sampleTime sampling time ({@code -SampleTime}); nullable
 * @param extra every other sub-field verbatim, keyed by suffix: {@code Ala}, {@code UpValue},
 *     {@code LowValue}, {@code RS}, {@code RT}, {@code Info}, ...
 */
public record Pollutant(
        String code,
        Double rtd,
        Double min,
        Double avg,
        Double max,
        Double zsRtd,
        Double zsMin,
        Double zsAvg,
        Double zsMax,
        Double cou,
        String flag,
        String eflag,
        Instant sampleTime,
        Map<String, String> extra) {

    public Pollutant {
        Objects.requireNonNull(code, "code is required");
        requireFinite("rtd", rtd);
        requireFinite("min", min);
        requireFinite("avg", avg);
        requireFinite("max", max);
        requireFinite("zsRtd", zsRtd);
        requireFinite("zsMin", zsMin);
        requireFinite("zsAvg", zsAvg);
        requireFinite("zsMax", zsMax);
        requireFinite("cou", cou);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The data flag; {@link DataFlag#UNKNOWN} when the frame sent none or an unknown one. */
    public DataFlag dataFlag() {
        return DataFlag.of(flag);
    }

    private static void requireFinite(String name, Double value) {
        // NaN and infinities would make every comparison in detection silently false.
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": must be a finite number, was " + value);
        }
    }
}
