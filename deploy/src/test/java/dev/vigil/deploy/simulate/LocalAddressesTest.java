package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {

    @Test
    void fiftyThousandConnectionsSpreadOverFiftyLoopbackAddressesEvenly() {
        LocalAddresses addresses = LocalAddresses.spread(50_000, 1_000);

        Map<InetAddress, Integer> perAddress = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            perAddress.merge(addresses.forConnection(i), 1, Integer::sum);
        }

        assertThat(addresses.count()).isEqualTo(50);
        assertThat(addresses.describe()).isEqualTo("127.0.0.2..127.0.0.51");
        assertThat(perAddress).hasSize(50);
        assertThat(perAddress.values()).containsOnly(1_000);
        assertThat(perAddress.keySet()).allMatch(InetAddress::isLoopbackAddress);
        assertThat(addresses.forConnection(0).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.forConnection(1).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(addresses.forConnection(50).getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void consecutiveConnectionsUseDifferentAddressesDuringTheRamp() {
        LocalAddresses addresses = LocalAddresses.spread(10, 3);

        assertThat(addresses.count()).isEqualTo(4);
        assertThat(addresses.forConnection(0)).isNotEqualTo(addresses.forConnection(1));
        assertThat(addresses.forConnection(4)).isEqualTo(addresses.forConnection(0));
    }

    @Test
    void addressesGoOnPastTheLastOctet() {
        LocalAddresses addresses = LocalAddresses.spread(300, 1);

        assertThat(addresses.forConnection(253).getHostAddress()).isEqualTo("127.0.0.255");
        assertThat(addresses.forConnection(254).getHostAddress()).isEqualTo("127.0.1.0");
        assertThat(addresses.forConnection(299).getHostAddress()).isEqualTo("127.0.1.45");
    }

    @Test
    void aFewConnectionsUseOneAddress() {
        LocalAddresses addresses = LocalAddresses.spread(40, 1_000);

        assertThat(addresses.count()).isEqualTo(1);
        assertThat(addresses.describe()).isEqualTo("127.0.0.2");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> LocalAddresses.spread(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalAddresses.spread(10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
