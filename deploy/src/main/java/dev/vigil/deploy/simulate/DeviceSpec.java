package dev.vigil.deploy.simulate;

import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Outlet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One simulated HJ 212 data logger: the source and outlet it watches, how it identifies itself,
 * which edition it speaks, how often it uploads and what it measures.
 *
 * @param sourceId the source it belongs to
 * @param outletId the outlet it measures
 * @param outletName the outlet's name in the permit
 * @param outletKind what the outlet discharges (decides how interval flags are aggregated)
 * @param mn device number ({@code MN})
 * @param password access password ({@code PW}); never printed
 * @param protocol the HJ 212 edition it speaks
 * @param st system type, e.g. {@code 32} water source, {@code 31} air source
 * @param realtimeInterval how often it samples and sends real-time data (CN 2011)
 * @param minuteInterval the interval of its minute data (CN 2051); divides an hour
 * @param hourly whether it sends hourly data (CN 2061)
 * @param pollutants what it measures, in frame order
 */
public record DeviceSpec(
        String sourceId,
        String outletId,
        String outletName,
        Outlet.Kind outletKind,
        String mn,
        String password,
        ProtocolVersion protocol,
        String st,
        Duration realtimeInterval,
        Duration minuteInterval,
        boolean hourly,
        List<PollutantSpec> pollutants) {

    public DeviceSpec {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(outletId, "outletId");
        Objects.requireNonNull(outletName, "outletName");
        Objects.requireNonNull(outletKind, "outletKind");
        Objects.requireNonNull(mn, "mn");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(st, "st");
        Objects.requireNonNull(realtimeInterval, "realtimeInterval");
        Objects.requireNonNull(minuteInterval, "minuteInterval");
        pollutants = List.copyOf(pollutants);
    }

    /** The same device at another source, with another MN and password. */
    DeviceSpec copy(String newSourceId, String newMn, String newPassword) {
        return new DeviceSpec(
                newSourceId,
                outletId,
                outletName,
                outletKind,
                newMn,
                newPassword,
                protocol,
                st,
                realtimeInterval,
                minuteInterval,
                hourly,
                pollutants);
    }

    /** The same device sending real-time data every {@code interval}. */
    DeviceSpec withRealtimeInterval(Duration interval) {
        return new DeviceSpec(
                sourceId,
                outletId,
                outletName,
                outletKind,
                mn,
                password,
                protocol,
                st,
                interval,
                minuteInterval,
                hourly,
                pollutants);
    }

    /** Whether its interval values follow the water rule (any abnormal input taints them). */
    boolean water() {
        return outletKind == Outlet.Kind.WASTEWATER || outletKind == Outlet.Kind.RAINWATER;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DeviceSpec[" + sourceId + "/" + outletId + ", mn=" + mn + ", " + protocol + "]";
    }
}
