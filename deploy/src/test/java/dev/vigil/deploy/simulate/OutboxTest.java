package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final Instant T0 = OffsetDateTime.parse("2026-11-22T08:00:00+08:00").toInstant();

    private static Upload upload(int second) {
        return new Upload("2011", T0.plusSeconds(second), "DataTime=" + second);
    }

    /** Sends what may go, as a connected logger does, giving each frame a QN. */
    private static List<Outbox.Pending> sendAll(Outbox outbox, int[] qn) {
        List<Outbox.Pending> sent = new ArrayList<>();
        for (Outbox.Pending p = outbox.next(); p != null; p = outbox.next()) {
            if (p.qn == null) {
                p.qn = "QN" + qn[0]++;
            }
            p.attempts++;
            sent.add(p);
        }
        return sent;
    }

    @Test
    void oneFrameAtATimeWaitsForItsAnswer() {
        Outbox outbox = new Outbox(1, 3, 100);
        outbox.add(upload(0), false);
        outbox.add(upload(30), false);
        int[] qn = {1};

        List<Outbox.Pending> first = sendAll(outbox, qn);

        assertThat(first).hasSize(1);
        assertThat(sendAll(outbox, qn)).isEmpty();
        assertThat(outbox.answered("QN9")).isNull();
        assertThat(outbox.answered("QN1")).isSameAs(first.get(0));
        assertThat(sendAll(outbox, qn))
                .extracting(p -> p.upload.dataTime())
                .containsExactly(T0.plusSeconds(30));
    }

    @Test
    void anUnansweredFrameIsResentThreeTimesThenGivenUp() {
        Outbox outbox = new Outbox(1, 3, 100);
        outbox.add(upload(0), false);
        Outbox.Pending pending = sendAll(outbox, new int[] {1}).get(0);

        for (int resend = 1; resend <= 3; resend++) {
            assertThat(outbox.timedOut(pending)).isEqualTo(Outbox.Timeout.RESEND);
            pending.attempts++;
        }

        assertThat(outbox.timedOut(pending)).isEqualTo(Outbox.Timeout.GIVE_UP);
        assertThat(outbox.inFlight()).isZero();
    }

    @Test
    void theBacklogOfAnOfflinePeriodGoesOutInOrderWithItsOriginalDataTimes() {
        // GIVEN a logger that sampled every 30 s while it was offline from 08:02 to 08:10
        DeviceSpec device = Devices.water2017();
        Outbox outbox = new Outbox(1, 3, 1_000);
        DataLogger logger =
                new DataLogger(
                        device, new PollutantSignals(device.pollutants(), List.of(), T0, 1), T0, 0);
        int[] qn = {1};
        logger.advanceTo(T0.plusSeconds(119), u -> outbox.add(u, false));
        for (Outbox.Pending p : sendAll(outbox, qn)) {
            outbox.answered(p.qn);
        }
        while (outbox.waiting() > 0) {
            for (Outbox.Pending p : sendAll(outbox, qn)) {
                outbox.answered(p.qn);
            }
        }
        // a frame in flight when the line dropped
        logger.advanceTo(T0.plusSeconds(120), u -> outbox.add(u, false));
        Outbox.Pending cut = sendAll(outbox, qn).get(0);
        outbox.requeueInFlight();
        logger.advanceTo(T0.plus(Duration.ofMinutes(10)).minusMillis(1), u -> outbox.add(u, true));

        // WHEN it is back online and drains the queue, one answer at a time
        List<Outbox.Pending> drained = new ArrayList<>();
        for (List<Outbox.Pending> sent = sendAll(outbox, qn);
                !sent.isEmpty();
                sent = sendAll(outbox, qn)) {
            drained.addAll(sent);
            sent.forEach(p -> outbox.answered(p.qn));
        }

        // THEN the cut frame goes first under its old QN, then the backlog, every DataTime original
        assertThat(drained.get(0)).isSameAs(cut);
        assertThat(drained.get(0).qn).isEqualTo(cut.qn);
        List<Instant> realtime =
                drained.stream()
                        .filter(p -> p.upload.cn().equals("2011"))
                        .map(p -> p.upload.dataTime())
                        .toList();
        List<Instant> expected = new ArrayList<>();
        for (int s = 120; s < 600; s += 30) {
            expected.add(T0.plusSeconds(s));
        }
        assertThat(realtime).containsExactlyElementsOf(expected);
        assertThat(drained.subList(1, drained.size())).allMatch(p -> p.fromBacklog);
        assertThat(drained)
                .filteredOn(p -> p.upload.cn().equals("2051"))
                .extracting(p -> p.upload.dataTime())
                .isEmpty(); // 08:00-08:10 completes only with the 08:10:00 sample
    }

    @Test
    void aFullBacklogDropsItsOldestRecords() {
        Outbox outbox = new Outbox(1, 3, 3);

        int dropped = 0;
        for (int i = 0; i < 5; i++) {
            dropped += outbox.add(upload(i * 30), true);
        }

        assertThat(dropped).isEqualTo(2);
        assertThat(sendAll(outbox, new int[] {1}).get(0).upload.dataTime())
                .isEqualTo(T0.plusSeconds(60));
    }
}
