package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import dev.vigil.ingest.hj212.gateway.DeviceAuthenticator.Verdict;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data logger connection, after framing: parses each frame, has the device authenticated, hands
 * the message to {@link Hj212Intake} and carries out its plan (answers now or after the Kafka ack),
 * dead-letters what is rejected, and turns reading off while too much is in flight or a password
 * check runs. All state is touched on the connection's event loop only.
 *
 * <p>Nothing is ever answered to a rejected frame: bad framing or CRC, an unknown MN and a wrong
 * password all get silence, so the wire does not tell an attacker which was wrong. After the
 * configured number of failed password checks the connection is closed, the same way for both.
 */
final class Hj212Handler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Handler.class);
    static final String ORIGIN = "hj212";

    private final Hj212Gateway gateway;
    private final Hj212GatewayConfig config;
    private final GatewayMetrics metrics;
    private final DeviceAuthenticator.Session auth;
    private final DeadLetterBudget budget;

    /** Frames waiting for a password check to finish, in arrival order. */
    private final ArrayDeque<Received> waiting = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private String remote = "unknown";
    private boolean active;

    /** Plans whose durable future has not completed yet. */
    private int inFlight;

    private boolean verifying;
    private boolean pausedForConnection;
    private boolean pausedGlobally;
    private boolean reading = true;
    private int failedLogins;

    private record Received(Hj212Frame frame, Hj212Message message, Instant at) {}

    Hj212Handler(Hj212Gateway gateway, DeviceAuthenticator.Session auth) {
        this.gateway = gateway;
        this.config = gateway.config();
        this.metrics = gateway.metrics();
        this.auth = auth;
        this.budget =
                new DeadLetterBudget(
                        config.deadLettersPerMinute(),
                        config.garbageChunkBytes(),
                        System.nanoTime());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        remote = String.valueOf(ctx.channel().remoteAddress());
        metrics.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flushGarbage();
        if (active) {
            active = false;
            metrics.connectionClosed();
        }
        // Frames still waiting were never answered: the device resends them.
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Hj212Frame frame) {
            flushGarbage();
            onFrame(frame);
        } else if (msg instanceof DecodeFailure failure) {
            onDecodeFailure(failure);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushGarbage();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.debug("Closing {}: nothing received for {}", remote, config.idleTimeout());
            metrics.idleClosed();
            ctx.close();
            return;
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly "connection reset by peer" from 4G links; nothing to answer on a broken socket.
        LOG.debug("Closing {} after {}", remote, cause.toString());
        ctx.close();
    }

    private void onFrame(Hj212Frame frame) {
        Hj212ParseResult parsed = gateway.parser().parse(frame);
        if (!parsed.isParsed()) {
            reject(parsed.failure());
            return;
        }
        waiting.add(new Received(frame, parsed.message(), gateway.clock().instant()));
        drain();
    }

    /** Handles waiting frames in order until one needs a password check. */
    private void drain() {
        while (!verifying && !waiting.isEmpty() && active) {
            Received next = waiting.peek();
            Verdict verdict = auth.cached(next.message().mn(), next.message().pw());
            if (verdict == null) {
                verify(next);
                break;
            }
            waiting.poll();
            handle(next, verdict);
        }
        updateReading();
    }

    private void verify(Received next) {
        verifying = true;
        auth.verify(next.message().mn(), next.message().pw())
                .whenCompleteAsync(
                        (verdict, error) -> {
                            verifying = false;
                            if (error != null) {
                                LOG.warn(
                                        "Could not check the password of MN {}: {}",
                                        next.message().mn(),
                                        error.toString());
                                waiting.remove(next);
                                deadLetter(
                                        "device authentication could not be checked for MN "
                                                + next.message().mn(),
                                        "PW",
                                        next.frame().raw(),
                                        detail(next.message()));
                            } else if (verdict != Verdict.ACCEPTED) {
                                failedLogins++;
                            }
                            drain();
                        },
                        ctx.executor());
    }

    private void handle(Received received, Verdict verdict) {
        Hj212Message message = received.message();
        if (verdict != Verdict.ACCEPTED) {
            metrics.authFailure();
            metrics.rejected(verdict.reason());
            deadLetter(
                    authFailure(message, verdict),
                    verdict == Verdict.WRONG_PASSWORD ? "PW" : "MN",
                    received.frame().raw(),
                    detail(message));
            if (failedLogins >= config.maxFailedLoginsPerConnection()) {
                LOG.info("Closing {} after {} failed password checks", remote, failedLogins);
                waiting.clear();
                ctx.close();
            }
            return;
        }
        metrics.frameAccepted();
        Hj212Intake.Plan plan = gateway.intake().accept(message, received.frame(), received.at());
        if (plan.unsupported() != null) {
            metrics.rejected("unsupported_cn");
            deadLetter(plan.unsupported(), "CN", received.frame().raw(), detail(message));
        }
        for (byte[] reply : plan.repliesNow()) {
            answer(reply);
        }
        if (plan.durable() != null) {
            track(plan);
        }
    }

    /** Counts the plan as in flight and answers once its reports are durable. */
    private void track(Hj212Intake.Plan plan) {
        inFlight++;
        InFlightLimit limit = gateway.inFlight();
        limit.acquire(plan.records());
        // Released on whatever thread completes the future: must not depend on the event loop,
        // which may already be shut down when Kafka answers.
        plan.durable().whenComplete((ok, error) -> limit.release(plan.records()));
        plan.durable()
                .whenCompleteAsync(
                        (ok, error) -> {
                            inFlight--;
                            if (error == null && plan.replyWhenDurable() != null) {
                                answer(plan.replyWhenDurable());
                            }
                            updateReading();
                        },
                        ctx.executor());
    }

    private void answer(byte[] reply) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
            metrics.answered();
        }
    }

    /** Turns reading off or on after anything that changes what holds this connection back. */
    private void updateReading() {
        if (inFlight >= config.maxInFlightPerConnection()) {
            pausedForConnection = true;
        } else if (inFlight <= config.maxInFlightPerConnection() / 2) {
            pausedForConnection = false;
        }
        if (!pausedGlobally && gateway.inFlight().pauseIfOver(this::resumeFromGlobalLimit)) {
            pausedGlobally = true;
        }
        boolean read = !pausedForConnection && !pausedGlobally && !verifying && waiting.isEmpty();
        if (read != reading) {
            reading = read;
            ctx.channel().config().setAutoRead(read);
            if (!read && (pausedForConnection || pausedGlobally)) {
                metrics.pausedRead(); // backpressure only, not a pause for a password check
            }
        }
    }

    /** Runs on the thread that acknowledged enough records; hops to this connection's loop. */
    private void resumeFromGlobalLimit() {
        try {
            ctx.executor()
                    .execute(
                            () -> {
                                pausedGlobally = false;
                                updateReading();
                            });
        } catch (RejectedExecutionException e) {
            // The server is stopping; this connection is being closed anyway.
        }
    }

    private void onDecodeFailure(DecodeFailure failure) {
        metrics.rejected(failure.reason().name().toLowerCase(Locale.ROOT));
        if (failure.reason() == DecodeFailure.Reason.GARBAGE) {
            DeadLetterBudget.Chunk full = budget.addGarbage(failure.raw(), failure.offset());
            if (full != null) {
                deadLetterGarbage(full);
            }
            return;
        }
        flushGarbage();
        reject(failure);
    }

    private void reject(DecodeFailure failure) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("offset", Long.toString(failure.offset()));
        detail.put("kind", failure.reason().name());
        String field =
                switch (failure.reason()) {
                    case MISSING_MN -> "MN";
                    case MISSING_CN -> "CN";
                    case BAD_LENGTH, LENGTH_MISMATCH, TOO_LONG -> "length";
                    case BAD_CRC_FIELD, CRC_MISMATCH -> "CRC";
                    default -> null;
                };
        deadLetter(
                failure.describe() + ", at byte " + failure.offset() + " of the connection",
                field,
                failure.raw(),
                detail);
    }

    private void flushGarbage() {
        DeadLetterBudget.Chunk chunk = budget.takeGarbage();
        if (chunk != null) {
            deadLetterGarbage(chunk);
        }
    }

    private void deadLetterGarbage(DeadLetterBudget.Chunk chunk) {
        deadLetter(
                chunk.raw().length
                        + " bytes outside any HJ 212 frame, from byte "
                        + chunk.offset()
                        + " of the connection",
                null,
                chunk.raw(),
                Map.of("offset", Long.toString(chunk.offset()), "kind", "GARBAGE"));
    }

    private void deadLetter(String reason, String field, byte[] raw, Map<String, String> detail) {
        if (!budget.tryTake(System.nanoTime())) {
            metrics.deadLetterSuppressed();
            if (budget.suppressedThisMinute() == 1) {
                LOG.warn(
                        "{} sent more rejected input than {} dead letters a minute; counting the"
                                + " rest without publishing it",
                        remote,
                        config.deadLettersPerMinute());
            }
            return;
        }
        DeadLetter letter =
                new DeadLetter(
                        ORIGIN,
                        reason,
                        field,
                        PasswordMask.mask(raw),
                        remote,
                        gateway.clock().instant(),
                        detail);
        metrics.deadLetter();
        CompletableFuture<Void> stored;
        try {
            stored = gateway.deadLetters().publish(letter);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete(
                (ok, error) -> {
                    if (error != null) {
                        metrics.deadLetterFailure();
                        LOG.debug("Dead letter from {} not stored: {}", remote, error.toString());
                    }
                });
    }

    private static String authFailure(Hj212Message message, Verdict verdict) {
        String mn = message.mn();
        return switch (verdict) {
            case UNKNOWN_MN ->
                    "device authentication failed: MN " + mn + " is not in the source registry";
            case RETIRED ->
                    "device authentication failed: MN " + mn + " belongs to a retired source";
            case WRONG_PASSWORD ->
                    message.pw() == null || message.pw().isEmpty()
                            ? "device authentication failed: no password (PW) for MN " + mn
                            : "device authentication failed: wrong password (PW) for MN " + mn;
            case ACCEPTED -> throw new IllegalArgumentException("not a failure");
        };
    }

    private static Map<String, String> detail(Hj212Message message) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("mn", message.mn());
        detail.put("cn", message.cn());
        if (message.qn() != null) {
            detail.put("qn", message.qn());
        }
        return detail;
    }
}
