package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Parser;
import dev.vigil.ingest.hj212.Hj212Replies;
import dev.vigil.ingest.hj212.Hj212Time;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One simulated data logger at run time: it samples on its own schedule, keeps what it could not
 * send yet, connects (and reconnects with backoff), sends with A=1 and waits for each 9014, resends
 * unanswered frames, answers time-set commands, and plays its scripted events. Everything it holds
 * is touched only on its own event loop, so it needs no locks and no thread of its own.
 */
final class SimulatedDevice {

    private enum State {
        IDLE,
        CONNECTING,
        CONNECTED,
        WAITING,
        OFFLINE,
        STOPPED
    }

    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final DeviceSpec spec;
    private final FleetContext context;
    private final EventLoop loop;
    private final LoopTicker ticker;
    private final InetAddress localAddress;
    private final List<ScenarioEvent> events;
    private final boolean[] injected;
    private final FrameWriter writer;
    private final Outbox outbox;
    private final SplittableRandom random;
    private final long seed;
    private DataLogger logger;
    private Channel channel;
    private State state = State.IDLE;
    private boolean producing = true;
    private int failures;

    /** When the next sample is due, in {@link System#nanoTime()}; MAX while not sampling. */
    private long tickDueNanos = Long.MAX_VALUE;

    private long lastQnMillis;
    private long clockOffsetMillis;
    private Upload lastRealtime;

    SimulatedDevice(
            DeviceSpec spec,
            List<ScenarioEvent> events,
            FleetContext context,
            LoopTicker ticker,
            InetAddress localAddress,
            long seed) {
        this.spec = spec;
        this.events = events;
        this.injected = new boolean[events.size()];
        this.context = context;
        this.ticker = ticker;
        this.loop = ticker.loop();
        this.localAddress = localAddress;
        this.writer = new FrameWriter(spec);
        FleetConfig config = context.config();
        this.outbox = new Outbox(config.window(), config.resends(), config.backlogLimit());
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Starts sampling now and connects. */
    void start() {
        loop.execute(
                () -> {
                    if (state == State.STOPPED) {
                        return; // the fleet stopped before the ramp reached this logger
                    }
                    Instant now = deviceNow();
                    PollutantSignals signals =
                            new PollutantSignals(
                                    spec.pollutants(), events, context.clock().start(), seed);
                    long phase = random.nextLong(spec.realtimeInterval().toMillis());
                    logger = new DataLogger(spec, signals, now, phase);
                    scheduleTick();
                    ticker.add(this);
                    connect();
                });
    }

    /** Stops sampling; what was sampled is still sent and confirmed. */
    void stopProducing() {
        loop.execute(
                () -> {
                    producing = false;
                    tickDueNanos = Long.MAX_VALUE;
                });
    }

    /** Records still to be confirmed on an open connection (counted on the logger's loop). */
    Future<Integer> unconfirmed() {
        return loop.submit(
                () -> state == State.CONNECTED ? outbox.waiting() + outbox.inFlight() : 0);
    }

    /** Disconnects for good. */
    void stop() {
        loop.execute(
                () -> {
                    state = State.STOPPED;
                    tickDueNanos = Long.MAX_VALUE;
                    closeChannel();
                });
    }

    Hj212Parser parser() {
        return context.parser();
    }

    // ---- sampling and events ----

    /** When the next sample is due ({@link System#nanoTime()}), MAX while not sampling. */
    long tickDueNanos() {
        return tickDueNanos;
    }

    /** Takes the samples due now and sends them; called by the loop's {@link LoopTicker}. */
    void tick() {
        if (state == State.STOPPED || !producing) {
            tickDueNanos = Long.MAX_VALUE;
            return;
        }
        Instant now = deviceNow();
        logger.advanceTo(now, this::enqueue);
        playEvents(now);
        pump();
        scheduleTick();
    }

    private void scheduleTick() {
        Instant due = logger.nextSampleAt().minusMillis(clockOffsetMillis);
        tickDueNanos = System.nanoTime() + context.clock().nanosUntil(due);
    }

    private void enqueue(Upload upload) {
        if (upload.cn().equals(Upload.REALTIME)) {
            lastRealtime = upload;
        }
        int dropped = outbox.add(upload, state != State.CONNECTED);
        if (dropped > 0) {
            context.stats().backlogDropped.add(dropped);
        }
    }

    private void playEvents(Instant now) {
        Duration elapsed = Duration.between(context.clock().start(), now);
        for (int i = 0; i < events.size(); i++) {
            ScenarioEvent event = events.get(i);
            if (event.type() == ScenarioEvent.Type.OFFLINE
                    && event.activeAt(elapsed)
                    && state != State.OFFLINE) {
                goOffline(event);
            } else if (event.injection()
                    && !injected[i]
                    && elapsed.compareTo(event.at()) >= 0
                    && state == State.CONNECTED) {
                inject(event);
                injected[i] = true;
            }
        }
    }

    private void goOffline(ScenarioEvent event) {
        context.stats().offlinePeriods.increment();
        state = State.OFFLINE;
        closeChannel();
        Instant end = context.clock().start().plus(event.end());
        loop.schedule(
                () -> {
                    if (state == State.OFFLINE) {
                        connect();
                    }
                },
                context.clock().nanosUntil(end),
                TimeUnit.NANOSECONDS);
    }

    private void inject(ScenarioEvent event) {
        FleetStats stats = context.stats();
        for (int i = 0; i < event.count(); i++) {
            if (event.type() == ScenarioEvent.Type.GARBAGE) {
                channel.write(Unpooled.wrappedBuffer(FrameWriter.garbage(random)));
                stats.garbageInjected.increment();
            } else {
                Upload sample =
                        lastRealtime != null
                                ? lastRealtime
                                : new Upload(
                                        Upload.REALTIME,
                                        deviceNow(),
                                        new CpText(deviceNow()).toString());
                channel.write(Unpooled.wrappedBuffer(writer.badCrcFrame(sample, nextQn())));
                stats.badCrcInjected.increment();
            }
        }
        channel.flush();
    }

    // ---- connection ----

    private void connect() {
        state = State.CONNECTING;
        InetSocketAddress gateway = context.config().gateway();
        ChannelFuture connecting =
                context.bootstrap()
                        .clone(loop)
                        .handler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        new Hj212FrameDecoder(),
                                                        new DeviceHandler(SimulatedDevice.this));
                                    }
                                })
                        .connect(
                                gateway,
                                localAddress == null
                                        ? null
                                        : new InetSocketAddress(localAddress, 0));
        connecting.addListener((ChannelFuture done) -> onConnected(done));
    }

    private void onConnected(ChannelFuture done) {
        if (state != State.CONNECTING) {
            if (done.isSuccess()) {
                done.channel().close();
            }
            return;
        }
        FleetStats stats = context.stats();
        if (!done.isSuccess()) {
            stats.connectFailures.increment();
            stats.error(
                    "cannot connect to "
                            + context.config().gateway()
                            + (localAddress == null ? "" : " from " + localAddress.getHostAddress())
                            + ": "
                            + done.cause().getMessage());
            waitAndReconnect();
            return;
        }
        channel = done.channel();
        state = State.CONNECTED;
        failures = 0;
        stats.connectionOpened();
        pump();
    }

    /** Called by the handler when a connection closed, whoever closed it. */
    void onInactive(Channel closed) {
        if (closed != channel) {
            return; // closed on purpose: already detached
        }
        detach();
        if (state == State.CONNECTED) {
            context.stats().closedByGateway.increment();
            context.stats().error("the gateway closed the connection of " + spec.mn());
            waitAndReconnect();
        }
    }

    void onError(Throwable cause) {
        context.stats().error(spec.mn() + ": " + cause);
    }

    private void waitAndReconnect() {
        state = State.WAITING;
        failures++;
        long backoff = Math.min(MAX_BACKOFF_MILLIS, 1_000L << Math.min(failures - 1, 5));
        loop.schedule(
                () -> {
                    if (state == State.WAITING) {
                        connect();
                    }
                },
                backoff + random.nextLong(1_000),
                TimeUnit.MILLISECONDS);
    }

    private void closeChannel() {
        Channel open = channel;
        if (open != null) {
            detach();
            open.close();
        }
    }

    /** Forgets the connection; frames in flight go back to the head of the queue. */
    private void detach() {
        channel = null;
        FleetStats stats = context.stats();
        stats.connectionClosed();
        // Their answer timeouts lapse: the frames are no longer in flight under this attempt.
        stats.inFlight.addAndGet(-outbox.requeueInFlight().size());
    }

    // ---- sending and answers ----

    private void pump() {
        if (state != State.CONNECTED) {
            return;
        }
        boolean wrote = false;
        for (Outbox.Pending pending = outbox.next(); pending != null; pending = outbox.next()) {
            context.stats().inFlight.incrementAndGet();
            send(pending);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void send(Outbox.Pending pending) {
        FleetStats stats = context.stats();
        if (pending.qn == null) {
            pending.qn = nextQn();
            pending.frame = writer.frame(pending.upload, pending.qn);
            stats.sent(pending.upload.cn());
            if (pending.fromBacklog) {
                stats.backlogSent.increment();
            }
        } else {
            stats.resent.increment();
        }
        pending.attempts++;
        pending.sentNanos = System.nanoTime();
        channel.write(Unpooled.wrappedBuffer(pending.frame));
        ticker.awaitAnswer(this, pending);
    }

    /**
     * The answer to the {@code attempt}-th sending of {@code pending} did not come in time; nothing
     * to do if it was answered, sent again or requeued meanwhile.
     */
    void onTimeout(Outbox.Pending pending, int attempt) {
        if (state != State.CONNECTED
                || pending.attempts != attempt
                || !outbox.isInFlight(pending)) {
            return;
        }
        if (outbox.timedOut(pending) == Outbox.Timeout.RESEND) {
            send(pending);
            channel.flush();
        } else {
            context.stats().unanswered.increment();
            context.stats().inFlight.decrementAndGet();
            pump();
        }
    }

    /** Called by the handler for every frame the gateway sent. */
    void onMessage(Hj212Message message) {
        FleetStats stats = context.stats();
        switch (message.cn()) {
            case "9014" -> {
                String qn = message.qn() != null ? message.qn() : message.field("QN");
                onAnswer(qn == null || !spec.mn().equals(message.mn()) ? null : qn);
            }
            case "1012" -> setTime(message);
            default -> {
                stats.otherCommands.increment();
                if (message.answerRequired() && channel != null) {
                    channel.writeAndFlush(
                            Unpooled.wrappedBuffer(
                                    writer.requestAnswer(message, Hj212Replies.QnRtn.REFUSED)));
                }
            }
        }
    }

    /** Called for a 9014 to this logger's MN answering {@code qn} (null: it answered nothing). */
    void onAnswer(String qn) {
        FleetStats stats = context.stats();
        Outbox.Pending pending = qn == null ? null : outbox.answered(qn);
        if (pending == null) {
            stats.unexpectedAnswers.increment();
            return;
        }
        pending.frame = null; // its answer timeout still refers to it; the bytes can go
        stats.inFlight.decrementAndGet();
        stats.answers.increment();
        stats.latency.record((System.nanoTime() - pending.sentNanos) / 1_000);
        context.listener()
                .accept(
                        new AcknowledgedUpload(
                                spec.mn(), qn, pending.upload.cn(), pending.upload.dataTime()));
        pump();
    }

    /** The MN this logger sends. */
    String mn() {
        return spec.mn();
    }

    /**
     * Answers a 1012 set-time command (9011 ready, then 9012 done) and sets the logger's clock. At
     * {@code --speed} above 1 the clock is left alone: simulated time is deliberately behind.
     */
    private void setTime(Hj212Message command) {
        context.stats().timeSets.increment();
        if (channel == null) {
            return;
        }
        channel.write(
                Unpooled.wrappedBuffer(writer.requestAnswer(command, Hj212Replies.QnRtn.READY)));
        String systemTime = command.field("SystemTime");
        Instant set = systemTime == null ? null : Hj212Time.parse(systemTime);
        if (set != null && context.clock().speed() == 1) {
            clockOffsetMillis = set.toEpochMilli() - context.clock().now().toEpochMilli();
            logger.clockSetTo(set);
            if (tickDueNanos != Long.MAX_VALUE) {
                scheduleTick();
                ticker.sampleDueAt(tickDueNanos);
            }
        }
        channel.write(Unpooled.wrappedBuffer(writer.executionDone(command)));
        channel.flush();
    }

    void onBadReply(String problem) {
        context.stats().badReplies.increment();
        context.stats().error(spec.mn() + " received a broken frame: " + problem);
    }

    // ---- time ----

    private Instant deviceNow() {
        return context.clock().now().plusMillis(clockOffsetMillis);
    }

    /** A request number from the logger's clock, unique for the logger. */
    private String nextQn() {
        long now = deviceNow().toEpochMilli();
        if (now <= lastQnMillis) {
            now = lastQnMillis + 1;
        }
        lastQnMillis = now;
        return CstTime.millis(now);
    }
}
