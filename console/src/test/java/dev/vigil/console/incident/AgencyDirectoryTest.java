package dev.vigil.console.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.console.state.ConsoleState;
import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.incident.Actor.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyDirectoryTest {

    @TempDir Path dir;

    @Test
    void readsIdsAndNamesFromTheAlertingAgenciesFile() throws Exception {
        Path file = dir.resolve("agencies.json");
        Files.writeString(
                file,
                "{\"agencies\":[{\"agencyId\":\"fire\",\"name\":\"Fire brigade\",\"apiKey\":\"secret\","
                        + "\"endpoints\":[]},{\"agencyId\":\"env\",\"name\":\"Enforcement\"}],\"rules\":[]}");
        AgencyDirectory directory = new AgencyDirectory(file, new ConsoleState());
        assertThat(directory.agencies())
                .containsExactly(
                        new AgencyDirectory.Agency("env", "Enforcement"),
                        new AgencyDirectory.Agency("fire", "Fire brigade"));
        assertThat(directory.agencies().toString()).doesNotContain("secret");
    }

    @Test
    void withoutAFileTheAgenciesOfAccountsAreListed() {
        ConsoleState state = new ConsoleState();
        state.apply(
                Topics.ACCOUNTS.name(),
                "w",
                new Account("w", null, Role.AGENCY, "water", "h", false, 1, Instant.EPOCH));
        assertThat(new AgencyDirectory(null, state).agencies())
                .containsExactly(new AgencyDirectory.Agency("water", "water"));
    }

    @Test
    void aFileInAnotherFormatIsRefused() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"teams\":[]}");
        assertThatThrownBy(() -> new AgencyDirectory(file, new ConsoleState()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agencies");
    }
}
