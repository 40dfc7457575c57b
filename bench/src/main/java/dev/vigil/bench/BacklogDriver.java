package dev.vigil.bench;

import dev.vigil.ingest.hj212.Hj212Encoder;
import dev.vigil.ingest.hj212.Hj212Time;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Reconnecting loggers with a backlog, as field devices upload it: one thread per logger, each
 * connecting at the same moment and sending its minute (2051) and hourly (2061) uploads in DataTime
 * order, the next only after the gateway's 9014 for the last (resending after 10 s without one, as
 * the simulator does). Connections come from 127.0.0.2, 127.0.0.3, ... at most 250 per address (the
 * gateway allows 256 per address).
 */
final class BacklogDriver {

    private static final int PER_ADDRESS = 250;
    private static final int ANSWER_TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final int devices;
    private final int hours;
    private final int minuteInterval;
    private final String[] codes;
    private final double[] limits;
    private final CountDownLatch go = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private volatile boolean stopped;

    BacklogDriver(
            int port, int devices, int hours, int minuteInterval, String[] codes, double[] limits) {
        this.port = port;
        this.devices = devices;
        this.hours = hours;
        this.minuteInterval = minuteInterval;
        this.codes = codes;
        this.limits = limits;
    }

    /** Uploads per device: the minute uploads of {@code hours}, plus one hourly per hour. */
    int perDevice() {
        return hours * 60 / minuteInterval + hours;
    }

    long total() {
        return (long) perDevice() * devices;
    }

    /** Starts every logger thread, then releases them together. */
    void start() throws InterruptedException {
        for (int i = 0; i < devices; i++) {
            int device = i;
            Thread t = new Thread(null, () -> upload(device), "backlog-" + i, 256 * 1024);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        go.countDown();
    }

    private void upload(int device) {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        String mn = BurstBench.mn(device);
        String password = BurstBench.password(device);
        SplittableRandom random = new SplittableRandom(device);
        String local = "127.0.0." + (2 + device / PER_ADDRESS);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            connected.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Instant start = end.minus(hours, ChronoUnit.HOURS);
            int steps = hours * 60 / minuteInterval;
            for (int s = 1; s <= steps && !stopped; s++) {
                // The interval that ended at 'time' is reported with its start as DataTime.
                Instant time = start.plus((long) s * minuteInterval, ChronoUnit.MINUTES);
                send(
                        out,
                        in,
                        frame(
                                mn,
                                password,
                                "2051",
                                time.minus(minuteInterval, ChronoUnit.MINUTES),
                                random));
                if (time.getEpochSecond() % 3600 == 0) {
                    send(
                            out,
                            in,
                            frame(mn, password, "2061", time.minus(1, ChronoUnit.HOURS), random));
                }
            }
            finished.incrementAndGet();
        } catch (IOException e) {
            if (!stopped) {
                failures.incrementAndGet();
                System.err.println("burst: logger " + device + ": " + e);
            }
        }
    }

    private void send(OutputStream out, InputStream in, byte[] frame) throws IOException {
        for (int attempt = 0; ; attempt++) {
            out.write(frame);
            out.flush();
            try {
                readAnswer(in);
                answered.incrementAndGet();
                lastAnswer.accumulate(System.nanoTime());
                return;
            } catch (SocketTimeoutException e) {
                if (attempt == 3 || stopped) {
                    throw e;
                }
                resends.incrementAndGet();
            }
        }
    }

    /** Reads one answer frame, up to and including its CR LF. */
    private static void readAnswer(InputStream in) throws IOException {
        int previous = 0;
        for (int b; (b = in.read()) >= 0; previous = b) {
            if (previous == '\r' && b == '\n') {
                return;
            }
        }
        throw new IOException("gateway closed the connection");
    }

    private byte[] frame(
            String mn, String password, String cn, Instant dataTime, SplittableRandom random) {
        StringBuilder cp = new StringBuilder(256);
        cp.append("DataTime=").append(Hj212Time.formatSeconds(dataTime));
        for (int c = 0; c < codes.length; c++) {
            double avg = limits[c] * (0.3 + 0.4 * random.nextDouble());
            String code = codes[c];
            cp.append(';')
                    .append(String.format(Locale.ROOT, "%s-Min=%.3f,", code, avg * 0.8))
                    .append(String.format(Locale.ROOT, "%s-Avg=%.3f,", code, avg))
                    .append(String.format(Locale.ROOT, "%s-Max=%.3f,", code, avg * 1.2))
                    .append(code)
                    .append("-Flag=N");
        }
        // The QN is the interval's DataTime in milliseconds, distinct for minute and hourly data.
        Instant qn = cn.equals("2061") ? dataTime.plusMillis(1) : dataTime;
        return Hj212Encoder.encode(
                "QN="
                        + Hj212Time.formatMillis(qn)
                        + ";ST=22;CN="
                        + cn
                        + ";PW="
                        + password
                        + ";MN="
                        + mn
                        + ";Flag=5" // HJ 212-2017 version bits, A=1: answer required
                        + ";CP=&&"
                        + cp
                        + "&&");
    }

    boolean done() {
        return finished.get() + failures.get() >= devices;
    }

    long answered() {
        return answered.get();
    }

    long resends() {
        return resends.get();
    }

    int connected() {
        return connected.get();
    }

    int finished() {
        return finished.get();
    }

    int failures() {
        return failures.get();
    }

    long lastAnswerNanos() {
        return lastAnswer.get();
    }

    void stop() {
        stopped = true;
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
