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
 * the simulator does, and reconnecting when the connection breaks). Connections come from
 * 127.0.0.2, 127.0.0.3, ... at most 250 per address (the gateway allows 256 per address).
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
    private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicLong reconnects = new AtomicLong();
    private final List<Upload> schedule = new ArrayList<>();
    private volatile boolean stopped;

    /** One backlog upload of every logger: minute (2051) or hourly (2061) data of an interval. */
    record Upload(String cn, Instant dataTime) {}

    BacklogDriver(
            int port, int devices, int hours, int minuteInterval, String[] codes, double[] limits) {
        this.port = port;
        this.devices = devices;
        this.hours = hours;
        this.minuteInterval = minuteInterval;
        this.codes = codes;
        this.limits = limits;
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(hours, ChronoUnit.HOURS);
        int steps = hours * 60 / minuteInterval;
        for (int s = 1; s <= steps; s++) {
            // The interval that ended at 'time' is reported with its start as DataTime.
            Instant time = start.plus((long) s * minuteInterval, ChronoUnit.MINUTES);
            schedule.add(new Upload("2051", time.minus(minuteInterval, ChronoUnit.MINUTES)));
            if (time.getEpochSecond() % 3600 == 0) {
                schedule.add(new Upload("2061", time.minus(1, ChronoUnit.HOURS)));
            }
        }
    }

    /** Uploads per device: the minute uploads of {@code hours}, plus one hourly per hour. */
    int perDevice() {
        return schedule.size();
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
        String local = "127.0.0." + (2 + device / PER_ADDRESS);
        int next = 0;
        boolean first = true;
        while (next < schedule.size() && !stopped) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(local, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                if (first) {
                    connected.incrementAndGet();
                    first = false;
                }
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (; next < schedule.size() && !stopped; next++) {
                    Upload upload = schedule.get(next);
                    SplittableRandom random = new SplittableRandom(device * 100_003L + next);
                    sendUntilAnswered(
                            out,
                            in,
                            frame(mn, password, upload.cn(), upload.dataTime(), random),
                            "QN=" + qn(upload) + ";");
                }
            } catch (IOException e) {
                // A logger keeps its backlog and reconnects, as field devices do.
                if (!stopped) {
                    reconnects.incrementAndGet();
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
        if (next == schedule.size()) {
            finished.incrementAndGet();
        }
    }

    /**
     * Sends until the 9014 with this upload's QN arrives (answers to earlier resends are skipped),
     * resending after each 10 s without it.
     */
    private void sendUntilAnswered(OutputStream out, InputStream in, byte[] frame, String qn)
            throws IOException {
        out.write(frame);
        out.flush();
        while (true) {
            try {
                if (readAnswer(in).contains(qn)) {
                    answered.incrementAndGet();
                    lastAnswer.accumulate(System.nanoTime());
                    return;
                }
            } catch (SocketTimeoutException e) {
                if (stopped) {
                    throw e;
                }
                resends.incrementAndGet();
                out.write(frame);
                out.flush();
            }
        }
    }

    /** Reads one answer frame, up to and including its CR LF. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(128);
        int previous = 0;
        for (int b; (b = in.read()) >= 0; previous = b) {
            line.append((char) b);
            if (previous == '\r' && b == '\n') {
                return line.toString();
            }
        }
        throw new IOException("gateway closed the connection");
    }

    /** The QN is the interval's DataTime in milliseconds, distinct for minute and hourly data. */
    private static String qn(Upload upload) {
        return Hj212Time.formatMillis(
                upload.cn().equals("2061") ? upload.dataTime().plusMillis(1) : upload.dataTime());
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
        return Hj212Encoder.encode(
                "QN="
                        + qn(new Upload(cn, dataTime))
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
        return finished.get() >= devices;
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

    /** Connections that broke and were opened again (the logger keeps its backlog). */
    long reconnects() {
        return reconnects.get();
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
