package dev.vigil.events.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.report.ProtocolVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceTest {

    private static final String MN = "010000A8900016F000169DC0";

    @Test
    void rightPasswordMatches() {
        assertThat(device(MN, Device.hashPassword(MN, "123456")).passwordMatches("123456"))
                .isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        Device device = device(MN, Device.hashPassword(MN, "123456"));

        assertThat(device.passwordMatches("123457")).isFalse();
        assertThat(device.passwordMatches("")).isFalse();
        assertThat(device.passwordMatches(null)).isFalse();
    }

    @Test
    void hashNeverContainsThePasswordAndIsSaltedPerHash() {
        String first = Device.hashPassword(MN, "123456");
        String second = Device.hashPassword(MN, "123456");

        assertThat(first).startsWith("pbkdf2-sha256$").doesNotContain("123456");
        assertThat(first).isNotEqualTo(second);
        assertThat(device(MN, second).passwordMatches("123456")).isTrue();
    }

    @Test
    void hashCopiedOntoAnotherDeviceDoesNotMatch() {
        String hash = Device.hashPassword(MN, "123456");

        assertThat(device("88888880000001", hash).passwordMatches("123456")).isFalse();
    }

    @Test
    void malformedHashMatchesNothing() {
        Device device = device(MN, "123456");

        assertThat(device.passwordHashWellFormed()).isFalse();
        assertThat(device.passwordMatches("123456")).isFalse();
        assertThat(device(MN, "pbkdf2-sha256$x$AAAA$AAAA").passwordMatches("123456")).isFalse();
    }

    @Test
    void emptyPasswordCannotBeHashed() {
        assertThatThrownBy(() -> Device.hashPassword(MN, ""))
                .hasMessage("password: must not be empty");
    }

    private static Device device(String mn, String passwordHash) {
        return new Device(
                mn,
                "WS-01",
                ProtocolVersion.HJ212_2017,
                passwordHash,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }
}
