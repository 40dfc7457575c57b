package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import dev.vigil.ingest.hj212.Hj212Parser;
import dev.vigil.ingest.hj212.Hj212Replies;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HJ 212 server for the simulator's tests: it decodes with the gateway's {@link
 * Hj212FrameDecoder} and {@link Hj212Parser}, keeps every message per MN in arrival order, answers
 * 9014 where the Flag asks for it (optionally skipping some answers, to make loggers resend), and
 * counts what it could not decode. It is a stand-in for the gateway, not the gateway.
 */
final class AnsweringGateway implements AutoCloseable {

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<String, List<Hj212Message>> received = new ConcurrentHashMap<>();
    private final List<DecodeFailure> failures = new CopyOnWriteArrayList<>();
    private final Set<String> remoteAddresses = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final List<Hj212Message> answersToCommands = new CopyOnWriteArrayList<>();
    private final AtomicInteger answersToSkip = new AtomicInteger();
    private final Hj212Parser parser = new Hj212Parser();
    private Channel server;

    /** Starts listening on an ephemeral port of 127.0.0.1. */
    AnsweringGateway start() throws InterruptedException {
        server =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        channels.add(ch);
                                        remoteAddresses.add(
                                                ch.remoteAddress().getAddress().getHostAddress());
                                        ch.pipeline()
                                                .addLast(new Hj212FrameDecoder(), new Answer());
                                    }
                                })
                        .bind("127.0.0.1", 0)
                        .sync()
                        .channel();
        return this;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The next {@code count} uploads get no answer. */
    void skipAnswers(int count) {
        answersToSkip.set(count);
    }

    /** Sends a frame to every open connection (e.g. a 1012 set-time command). */
    void broadcast(byte[] frame) {
        for (Channel channel : channels) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
        }
    }

    /** Closes every open connection, as a restarting gateway does. */
    void closeConnections() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }

    /** Every upload (2011, 2051, 2061) of one MN in arrival order. */
    List<Hj212Message> uploads(String mn) {
        return new ArrayList<>(received.getOrDefault(mn, List.of()));
    }

    /** The MNs that sent anything. */
    Set<String> mns() {
        return received.keySet();
    }

    /** What could not be decoded. */
    List<DecodeFailure> failures() {
        return failures;
    }

    /** The 9011/9012 frames devices sent in answer to commands. */
    List<Hj212Message> answersToCommands() {
        return answersToCommands;
    }

    /** The source addresses connections came from. */
    Set<String> remoteAddresses() {
        return remoteAddresses;
    }

    /** Connections open now. */
    int openConnections() {
        return (int) channels.stream().filter(Channel::isActive).count();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers one connection. */
    private final class Answer extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DecodeFailure failure) {
                failures.add(failure);
                return;
            }
            Hj212ParseResult result = parser.parse((Hj212Frame) msg);
            if (!result.isParsed()) {
                failures.add(result.failure());
                return;
            }
            Hj212Message message = result.message();
            if (message.cn().startsWith("90")) {
                answersToCommands.add(message);
                return;
            }
            received.computeIfAbsent(message.mn(), mn -> new CopyOnWriteArrayList<>()).add(message);
            if (message.answerRequired()
                    && answersToSkip.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(Hj212Replies.dataAnswer(message)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channels.remove(ctx.channel());
        }
    }
}
