package dev.vigil.ingest.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.complaint.Complaint.Category;
import dev.vigil.events.complaint.Complaint.Channel;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplaintParserTest {

    private static final Instant NOW = Instant.parse("2026-01-02T00:30:00Z");
    private static final String VALID =
            "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"black smoke\","
                    + "\"place\":{\"address\":\"Lot 7\"}}";

    private final ComplaintParser parser =
            new ComplaintParser(ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(10), 2);

    private ComplaintDraft parse(byte[] body) throws ProblemException {
        return parser.parse(HttpFixtures.post("/api/complaints", "application/json", body), NOW);
    }

    private ComplaintDraft parse(String body) throws ProblemException {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAHotlineComplaintWithContactApart() throws Exception {
        ComplaintDraft draft = parse(HttpFixtures.bytes("complaints/hotline-odor.json"));

        assertThat(draft.externalId()).isEqualTo("HL-20260102-00417");
        assertThat(draft.channel()).isEqualTo(Channel.HOTLINE);
        assertThat(draft.category()).isEqualTo(Category.ODOR);
        assertThat(draft.text()).startsWith("Strong chemical smell");
        assertThat(draft.place().location()).isEqualTo(new GeoPoint(31.2304, 121.4737));
        assertThat(draft.place().street()).isEqualTo("Binjiang Street Office");
        assertThat(draft.reportedAt()).isEqualTo(Instant.parse("2026-01-01T23:40:00Z"));
        assertThat(draft.contact().phone()).isEqualTo("+86 138 0013 8000");
        assertThat(draft.toString()).doesNotContain("Wang Fang", "138 0013", "wang.fang");
    }

    @Test
    void anAnonymousWebComplaintWithLocalTimeAndAddressOnly() throws Exception {
        ComplaintDraft draft = parse(HttpFixtures.bytes("complaints/web-anonymous-noise.json"));

        assertThat(draft.externalId()).isNull();
        assertThat(draft.contact()).isNull();
        assertThat(draft.place().location()).isNull();
        assertThat(draft.reportedAt()).isEqualTo(Instant.parse("2026-01-01T14:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"}} | channel",
                "{\"channel\":\"fax\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"}} | channel",
                "{\"channel\":\"web\",\"category\":\"ufo\",\"text\":\"t\",\"place\":{\"address\":\"a\"}} | category",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"  \",\"place\":{\"address\":\"a\"}} | text",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\"} | place",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"area\":\"x\"}} | place",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"location\":{\"lat\":91,\"lon\":0}}} | place.location.lat",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"location\":{\"lat\":31,\"lon\":-180.5}}} | place.location.lon",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"location\":{\"lat\":31}}} | place.location.lon",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"location\":{\"lat\":\"31\",\"lon\":1}}} | place.location.lat",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"},\"reportedAt\":\"2026-01-02T09:00:00+08:00\"} | reportedAt",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"},\"reportedAt\":\"soon\"} | reportedAt",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"},\"contact\":{\"email\":\"nope\"}} | contact.email",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":{\"address\":\"a\"},\"contact\":{\"phone\":\"call me\"}} | contact.phone",
                "{\"channel\":\"web\",\"category\":\"smoke\",\"text\":\"t\",\"place\":\"here\"} | place"
            })
    void invalidValuesNameTheirField(String body, String field) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.INVALID);
                            assertThat(e.problem().field()).isEqualTo(field);
                        });
    }

    @Test
    void problemsNeverQuoteContactDetails() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        VALID.replace(
                                                "}}",
                                                "},\"contact\":{\"email\":\"secret-person@nowhere\"}}")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().describe()).doesNotContain("secret-person"));
    }

    @Test
    void aTimeJustAheadOfTheServerIsClockSkewNotTheFuture() throws Exception {
        assertThat(
                        parse(VALID.replace("}}", "},\"reportedAt\":\"2026-01-02T00:39:00Z\"}"))
                                .reportedAt())
                .isEqualTo(Instant.parse("2026-01-02T00:39:00Z"));
    }

    @Test
    void textLongerThanTheLimitIsInvalid() {
        String longText = "x".repeat(ComplaintParser.MAX_TEXT + 1);

        assertThatThrownBy(() -> parse(VALID.replace("black smoke", longText)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().field()).isEqualTo("text");
                            assertThat(e.problem().detail()).contains("4000");
                        });
    }

    @Test
    void notJsonIsMalformedOr415() {
        assertThatThrownBy(() -> parse("channel=web"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED));
        assertThatThrownBy(() -> parse("[1,2]"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED));
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        HttpFixtures.post(
                                                "/api/complaints",
                                                "application/x-www-form-urlencoded",
                                                new byte[] {'a'}),
                                        NOW))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e ->
                                assertThat(e.problem().kind())
                                        .isEqualTo(Problem.Kind.UNSUPPORTED_MEDIA_TYPE));
    }
}
