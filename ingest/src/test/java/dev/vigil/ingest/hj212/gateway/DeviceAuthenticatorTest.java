package dev.vigil.ingest.hj212.gateway;

import static dev.vigil.ingest.hj212.gateway.GatewayFakes.MN;
import static dev.vigil.ingest.hj212.gateway.GatewayFakes.PW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.hj212.gateway.DeviceAuthenticator.Verdict;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The password checks of one connection and of the gateway, with a registry fake. */
class DeviceAuthenticatorTest {

    private final GatewayFakes.Directory directory = new GatewayFakes.Directory().register(MN, PW);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final DeviceAuthenticator authenticator =
            new DeviceAuthenticator(directory, Runnable::run, metrics);

    @Test
    void theSamePasswordIsAcceptedAgainWithoutADigestOrAHash() {
        DeviceAuthenticator.Session session = authenticator.session();
        assertThat(session.cached(MN, PW)).as("never checked").isNull();
        assertThat(session.verify(MN, PW).join()).isEqualTo(Verdict.ACCEPTED);
        long digests = authenticator.digests();

        // WHEN the next frames bring the same password (a new String each, as parsed)
        for (int i = 0; i < 1_000; i++) {
            assertThat(session.cached(MN, new String(PW.toCharArray())))
                    .isEqualTo(Verdict.ACCEPTED);
        }

        // THEN neither a PBKDF2 check nor a SHA-256 was spent on them
        assertThat(metrics.passwordChecks()).isEqualTo(1);
        assertThat(authenticator.digests()).isEqualTo(digests);
    }

    @Test
    void theRegistryIsLookedUpAgainOnlyAfterItChanged() {
        GatewayFakes.Directory counting = new GatewayFakes.Directory().register(MN, PW);
        AtomicLong finds = counting.finds;
        DeviceAuthenticator.Session session =
                new DeviceAuthenticator(counting, Runnable::run, metrics).session();
        session.verify(MN, PW).join();
        long afterCheck = finds.get();

        for (int i = 0; i < 100; i++) {
            assertThat(session.cached(MN, PW)).isEqualTo(Verdict.ACCEPTED);
        }
        assertThat(finds.get()).as("no look-up while nothing changed").isEqualTo(afterCheck);

        // WHEN another device is registered, THEN one look-up confirms the entry is the same
        counting.register("0000AAAA0000BBBB0000CCCC", "other");
        assertThat(session.cached(MN, PW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(session.cached(MN, PW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(finds.get()).isEqualTo(afterCheck + 1);

        // WHEN this device's entry is replaced, THEN the cached verdict no longer holds
        counting.register(MN, PW);
        assertThat(session.cached(MN, PW)).isNull();
        assertThat(metrics.passwordChecks()).isEqualTo(1);
    }

    @Test
    void aChangedPasswordIsCheckedAgain() {
        DeviceAuthenticator.Session session = authenticator.session();
        session.verify(MN, PW).join();

        // GIVEN the device sends another password than the one this connection checked
        assertThat(session.cached(MN, "654321")).as("not taken from the cache").isNull();
        assertThat(session.cached(MN, PW + "7")).as("a longer one neither").isNull();
        assertThat(session.cached(MN, PW.substring(1))).as("nor a shorter one").isNull();
        assertThat(session.cached(MN, null)).as("nor none").isNull();

        // WHEN it is checked, THEN it is rejected, and the right one is still accepted
        assertThat(session.verify(MN, "654321").join()).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(metrics.passwordChecks()).isEqualTo(2);
        assertThat(session.cached(MN, PW))
                .as("accepted for the gateway, so not hashed again")
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(metrics.passwordChecks()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsRejectedAndItsVerdictKeptForTheConnectionOnly() {
        DeviceAuthenticator.Session session = authenticator.session();

        assertThat(session.verify(MN, "000000").join()).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(metrics.passwordChecks()).isEqualTo(1);
        assertThat(session.cached(MN, "000000")).isEqualTo(Verdict.WRONG_PASSWORD);

        // Guessing from another connection costs a check of its own.
        DeviceAuthenticator.Session other = authenticator.session();
        assertThat(other.cached(MN, "000000")).isNull();
        assertThat(other.verify(MN, "000000").join()).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(metrics.passwordChecks()).isEqualTo(2);
    }

    @Test
    void anAcceptanceIsSharedWithOtherConnectionsUntilTheRegistryEntryChanges() {
        authenticator.session().verify(MN, PW).join();

        DeviceAuthenticator.Session reconnected = authenticator.session();
        assertThat(reconnected.cached(MN, PW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(reconnected.cached("0000AAAA0000BBBB0000CCCC", PW)).isNull();

        directory.register(MN, "new-password");
        assertThat(reconnected.cached(MN, PW)).as("checked against the old entry").isNull();
        assertThat(authenticator.session().cached(MN, PW)).isNull();
        assertThat(metrics.passwordChecks()).isEqualTo(1);
    }

    @Test
    void passwordsCompareEqualOnlyWhenEveryCharacterIs() {
        assertThat(DeviceAuthenticator.constantTimeEquals("123456", "123456")).isTrue();
        assertThat(DeviceAuthenticator.constantTimeEquals("", null)).isTrue();
        assertThat(DeviceAuthenticator.constantTimeEquals(null, "")).isTrue();
        assertThat(DeviceAuthenticator.constantTimeEquals("123456", "123457")).isFalse();
        assertThat(DeviceAuthenticator.constantTimeEquals("123456", "12345")).isFalse();
        assertThat(DeviceAuthenticator.constantTimeEquals("12345", "123456")).isFalse();
        assertThat(DeviceAuthenticator.constantTimeEquals("123456", "")).isFalse();
        assertThat(DeviceAuthenticator.constantTimeEquals("", "1")).isFalse();
    }
}
