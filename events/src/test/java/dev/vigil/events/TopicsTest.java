package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.report.Report;
import dev.vigil.events.source.Source;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesAreThoseOfTheDesign() {
        assertThat(Topics.all())
                .extracting(Topic::name)
                .containsExactly(
                        "vigil.reports",
                        "vigil.video-events",
                        "vigil.complaints",
                        "vigil.complaint-contacts",
                        "vigil.sources",
                        "vigil.integrations",
                        "vigil.rules",
                        "vigil.rule-history",
                        "vigil.alerts",
                        "vigil.commands",
                        "vigil.incidents",
                        "vigil.deliveries",
                        "vigil.dead-letter",
                        "vigil.accounts",
                        "vigil.audit");
    }

    @Test
    void registryTopicsAndContactsAreCompacted() {
        assertThat(Topics.all())
                .filteredOn(Topic::compacted)
                .containsExactlyInAnyOrder(
                        Topics.SOURCES,
                        Topics.INTEGRATIONS,
                        Topics.RULES,
                        Topics.COMPLAINT_CONTACTS,
                        Topics.ACCOUNTS);
        assertThat(Topics.SOURCES.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.REPORTS.configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void incidentHistoryIsKeptForever() {
        assertThat(Topics.INCIDENTS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.AUDIT.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.RULE_HISTORY.configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void everyTopicIsKeyedByStringAndBindsItsValueType() {
        assertThat(Topics.all()).allSatisfy(t -> assertThat(t.keyType()).isEqualTo(String.class));
        assertThat(Topics.REPORTS.valueType()).isEqualTo(Report.class);
        assertThat(Topics.SOURCES.valueType()).isEqualTo(Source.class);
    }

    @Test
    void recordIsPublishedUnderTheKeyTheDesignNames() {
        ProducerRecord<String, Report> record = Topics.REPORTS.record(Samples.fullReport());

        assertThat(record.topic()).isEqualTo("vigil.reports");
        assertThat(record.key()).isEqualTo(Samples.MN);
        assertThat(record.value()).isEqualTo(Samples.fullReport());
        assertThat(Topics.ALERTS.keyOf(Samples.fullAlert())).isEqualTo(Samples.SOURCE_ID);
        assertThat(Topics.INCIDENTS.keyOf(Samples.fullIncidentEvent()))
                .isEqualTo(Samples.INCIDENT_ID);
        assertThat(Topics.DEAD_LETTER.keyOf(Samples.fullDeadLetter())).isEqualTo("hj212");
    }

    @Test
    void tombstoneDeletesFromCompactedTopicsOnly() {
        ProducerRecord<String, Source> tombstone = Topics.SOURCES.tombstone(Samples.SOURCE_ID);

        assertThat(tombstone.key()).isEqualTo(Samples.SOURCE_ID);
        assertThat(tombstone.value()).isNull();
        assertThatThrownBy(() -> Topics.ALERTS.tombstone(Samples.SOURCE_ID))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.alerts is not compacted");
    }
}
