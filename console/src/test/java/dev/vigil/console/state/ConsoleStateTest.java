package dev.vigil.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.TestRecords;
import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.account.Account;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.State;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleStateTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    private final ConsoleState state = new ConsoleState();

    private static IncidentEvent event(long seq, Type type, State state, int priority) {
        return new IncidentEvent(
                IncidentEvent.idFor("i", seq),
                "i",
                seq,
                type,
                state,
                priority,
                Severity.ALARM,
                IncidentEvent.Category.EXCEEDANCE,
                "S",
                List.of("a1"),
                List.of("fire"),
                null,
                null,
                T0.plusSeconds(seq * 60),
                null,
                "step " + seq);
    }

    @Test
    void anIncidentIsFoldedFromItsEventsInSequenceOnceEach() {
        state.apply(Topics.INCIDENTS.name(), "i", event(2, Type.DISPATCHED, State.DISPATCHED, 7));
        state.apply(Topics.INCIDENTS.name(), "i", event(1, Type.OPENED, State.OPEN, 3));
        state.apply(Topics.INCIDENTS.name(), "i", event(2, Type.DISPATCHED, State.DISPATCHED, 7));

        IncidentSummary s = state.incident("i").orElseThrow();
        assertThat(s.state()).isEqualTo(State.DISPATCHED);
        assertThat(s.priority()).isEqualTo(7);
        assertThat(s.openedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(s.sequence()).isEqualTo(2);
        assertThat(s.lastDetail()).isEqualTo("step 2");
        assertThat(s.open()).isTrue();
        assertThat(state.timeline("i")).extracting(IncidentEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void alertsKeepTheirLatestStateAndWhenTheyFiredAndResolved() {
        state.apply(Topics.ALERTS.name(), "S", alert(Alert.State.FIRING, T0));
        state.apply(Topics.ALERTS.name(), "S", alert(Alert.State.FIRING, T0.plusSeconds(60)));
        assertThat(state.openAlerts("S")).hasSize(1);
        state.apply(Topics.ALERTS.name(), "S", alert(Alert.State.RESOLVED, T0.plusSeconds(600)));
        assertThat(state.openAlerts("S")).isEmpty();
        ConsoleState.AlertHistory h = state.alertHistories().get(0);
        assertThat(h.firstFiringAt()).isEqualTo(T0);
        assertThat(h.resolvedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void rulesKeepTheNewestVersionAndEveryVersionInTheHistory() {
        state.apply(Topics.RULES.name(), "r", rule(2));
        state.apply(Topics.RULES.name(), "r", rule(1));
        state.apply(Topics.RULE_HISTORY.name(), "r", rule(1));
        state.apply(Topics.RULE_HISTORY.name(), "r", rule(2));
        assertThat(state.rule("r").orElseThrow().version()).isEqualTo(2);
        assertThat(state.ruleHistory("r"))
                .extracting(ThresholdRule::version)
                .containsExactly(2L, 1L);
        state.apply(Topics.RULES.name(), "r", null);
        assertThat(state.rule("r")).isEmpty();
    }

    @Test
    void onlyTheLatestAccountVersionsAreKeptForTheReadBackCheck() {
        List<Account> versions = new ArrayList<>();
        for (long v = 1; v <= 40; v++) {
            Account version = account("hash-" + v, v);
            versions.add(version);
            state.apply(Topics.ACCOUNTS.name(), "admin", version);
        }
        int kept = ConsoleState.ACCOUNT_VERSIONS_KEPT;
        assertThat(versions.subList(40 - kept, 40)).allMatch(state::accepted);
        assertThat(versions.subList(0, 40 - kept)).noneMatch(state::accepted);
        assertThat(state.account("admin")).contains(versions.get(39));
    }

    @Test
    void anAccountVersionCountsOnlyWhenItFollowsTheOneItReplacesSoTheFirstOfTwoWins() {
        Account first = account("first-hash", 1);
        Account second = account("second-hash", 1);
        state.apply(Topics.ACCOUNTS.name(), "admin", first);
        state.apply(Topics.ACCOUNTS.name(), "admin", second);
        assertThat(state.account("admin")).contains(first);
        assertThat(state.accepted(first)).isTrue();
        assertThat(state.accepted(second)).isFalse();

        Account edit = account("edited-hash", 2);
        state.apply(Topics.ACCOUNTS.name(), "admin", edit);
        state.apply(Topics.ACCOUNTS.name(), "admin", account("late-edit-hash", 2));
        state.apply(Topics.ACCOUNTS.name(), "admin", account("skipping-hash", 4));
        state.apply(Topics.ACCOUNTS.name(), "admin", first);
        assertThat(state.account("admin")).contains(edit);
        assertThat(state.accepted(first)).isTrue();

        // A compacted topic may start at any version.
        state.apply(Topics.ACCOUNTS.name(), "admin", null);
        state.apply(Topics.ACCOUNTS.name(), "admin", account("kept-hash", 7));
        assertThat(state.account("admin").orElseThrow().version()).isEqualTo(7);
    }

    private static Account account(String hash, long version) {
        return new Account(
                "admin", null, Role.ADMIN, null, hash, false, version, T0.plusSeconds(version));
    }

    private static Alert alert(Alert.State s, Instant at) {
        return TestRecords.offlineAlert("a1", s, at);
    }

    private static ThresholdRule rule(long version) {
        return new ThresholdRule(
                "r",
                version,
                "n",
                new RuleScope("S", null, "w01018", null),
                DataKind.REALTIME,
                ThresholdRule.Comparison.ABOVE,
                List.of(new RuleLevel(Severity.ALARM, 1, RuleLevel.Mode.ABSOLUTE)),
                Persistence.IMMEDIATE,
                1,
                true,
                "me",
                T0,
                false);
    }
}
