package dev.vigil.ingest.hj212.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 TCP server data loggers connect to: binds the configured address and runs each
 * connection through {@link Hj212ServerInitializer}'s pipeline; {@link #startOnKafka} wires it to
 * Kafka and the source registry as the ingest service runs it.
 */
public final class Hj212Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Server.class);

    private final Hj212Gateway gateway;

    /** What this server started besides itself, closed in reverse order after it. */
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;
    private ScheduledFuture<?> expiry;

    /** A server for the given gateway; call {@link #start()} to bind. */
    public Hj212Server(Hj212Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Starts the gateway on Kafka: reports and dead letters through {@code producer} (shared, not
     * closed here; it must have {@code acks=all}), devices from {@code vigil.sources} read with a
     * consumer of its own. Returns once the port is bound; frames that arrive before the registry
     * has been read wait for it.
     */
    public static Hj212Server startOnKafka(
            Hj212GatewayConfig config, Producer<String, byte[]> producer, String bootstrapServers)
            throws InterruptedException {
        KafkaSendThread sender = new KafkaSendThread(producer);
        KafkaDeviceDirectory directory = KafkaDeviceDirectory.forCluster(bootstrapServers).start();
        ExecutorService hashing = hashingPool(config.authThreads());
        Hj212Gateway gateway =
                new Hj212Gateway(
                        config,
                        new KafkaReportPublisher(sender),
                        new KafkaDeadLetterPublisher(sender, 1_000),
                        directory,
                        hashing,
                        Clock.systemUTC());
        Hj212Server server = new Hj212Server(gateway);
        // Closed after the server in reverse order: the sender hands its queue to the producer
        // last.
        server.owned.push(sender);
        server.owned.push(directory);
        server.owned.push(hashing::shutdownNow);
        try {
            return server.start();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** Binds the configured address; returns once bound. */
    public Hj212Server start() throws InterruptedException {
        Hj212GatewayConfig config = gateway.config();
        // Linux's native epoll transport where its library loads (netty-all ships it): per frame
        // it spends less than the JDK selector on readiness bookkeeping (the JDK's fd-to-key map,
        // selected-key sets), which showed in the ingest benchmark's profile of the event loops.
        boolean epoll = Epoll.isAvailable();
        boss =
                new MultiThreadIoEventLoopGroup(
                        1, new DefaultThreadFactory("hj212-accept"), ioHandler(epoll));
        workers =
                new MultiThreadIoEventLoopGroup(
                        config.workerThreads(),
                        new DefaultThreadFactory("hj212-io"),
                        ioHandler(epoll));
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        channel =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(channelType)
                        .option(ChannelOption.SO_BACKLOG, 4_096)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childHandler(new Hj212ServerInitializer(gateway))
                        .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                        .sync()
                        .channel();
        expiry =
                workers.next()
                        .scheduleWithFixedDelay(gateway::expireSplitSets, 30, 30, TimeUnit.SECONDS);
        LOG.info(
                "HJ 212 gateway listening on {} ({})",
                channel.localAddress(),
                epoll ? "epoll" : "NIO");
        return this;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The gateway's counters. */
    public GatewayMetrics metrics() {
        return gateway.metrics();
    }

    /** Stops listening, closes every connection, then what {@link #startOnKafka} started. */
    @Override
    public void close() {
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                LOG.warn("Could not close part of the HJ 212 gateway: {}", e.toString());
            }
        }
    }

    private static IoHandlerFactory ioHandler(boolean epoll) {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    private static ExecutorService hashingPool(int threads) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(
                threads,
                r -> {
                    Thread t = new Thread(r, "hj212-auth-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }
}
