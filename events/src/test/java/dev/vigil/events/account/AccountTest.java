package dev.vigil.events.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Json;
import dev.vigil.events.incident.Actor.Role;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void roundTripsThroughJsonAndNeverPrintsTheHash() {
        Account account =
                new Account(
                        "chen.enf",
                        "Chen",
                        Role.AGENCY,
                        "enforcement",
                        "$argon2id$x",
                        false,
                        2,
                        AT);
        assertThat(Json.fromBytes(Json.toBytes(account), Account.class)).isEqualTo(account);
        assertThat(account.toString()).doesNotContain("argon2id").contains("chen.enf");
    }

    @Test
    void agencyUsersNeedTheirAgencyAndNobodyIsSystem() {
        assertThatThrownBy(() -> new Account("a", null, Role.AGENCY, null, "h", false, 1, AT))
                .hasMessageContaining("agencyId");
        assertThatThrownBy(() -> new Account("a", null, Role.SYSTEM, null, "h", false, 1, AT))
                .hasMessageContaining("role");
        assertThatThrownBy(() -> new Account(" ", null, Role.ADMIN, null, "h", false, 1, AT))
                .hasMessageContaining("username");
        assertThat(new Account("li", " ", Role.OPERATOR, null, "h", false, 1, AT).displayName())
                .isEqualTo("li");
    }

    @Test
    void auditEntryRoundTrips() {
        AuditEntry entry =
                new AuditEntry(
                        UUID.randomUUID().toString(),
                        AT,
                        "li",
                        null,
                        null,
                        "sign-in",
                        null,
                        AuditEntry.Outcome.DENIED,
                        "wrong username or password",
                        "127.0.0.1");
        assertThat(Json.fromBytes(Json.toBytes(entry), AuditEntry.class)).isEqualTo(entry);
    }
}
