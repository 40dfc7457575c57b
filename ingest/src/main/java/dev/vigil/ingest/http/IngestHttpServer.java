package dev.vigil.ingest.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The ingest HTTP server (Netty's HTTP codec): plain routes such as the health check, and endpoints
 * (video events, complaints, media) that answer from a worker thread once Kafka has acknowledged.
 */
public final class IngestHttpServer implements AutoCloseable {
    /** Largest request body accepted, before any route sees it. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final String bindAddress;
    private final int port;
    private final Map<String, HttpRoute> routes;
    private final Map<String, HttpEndpoint> endpoints;
    private final Executor work;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    /** Routes are keyed "METHOD /path", e.g. "GET /health". */
    public IngestHttpServer(String bindAddress, int port, Map<String, HttpRoute> routes) {
        this(bindAddress, port, routes, Map.of(), Runnable::run);
    }

    /**
     * Routes answer on the event loop; endpoints are keyed the same way, may have {@code {name}}
     * path segments (e.g. "GET /api/complaints/{id}") and are called on {@code work}.
     */
    public IngestHttpServer(
            String bindAddress,
            int port,
            Map<String, HttpRoute> routes,
            Map<String, HttpEndpoint> endpoints,
            Executor work) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.routes = Map.copyOf(routes);
        this.endpoints = Map.copyOf(endpoints);
        this.work = work;
    }

    public IngestHttpServer start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        RouteTable<HttpEndpoint> endpointTable = new RouteTable<>(endpoints);
        RouteHandler router = new RouteHandler(new RouteTable<>(routes), endpointTable, work);
        int maxBody =
                (int)
                        Math.max(
                                MAX_BODY_BYTES,
                                endpoints.values().stream()
                                        .mapToLong(HttpEndpoint::maxBodyBytes)
                                        .max()
                                        .orElse(0));
        channel =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(new HttpServerCodec())
                                                .addLast(
                                                        new BodySizeGuard(
                                                                endpointTable, MAX_BODY_BYTES))
                                                .addLast(new HttpServerKeepAliveHandler())
                                                .addLast(new HttpObjectAggregator(maxBody))
                                                .addLast(router);
                                    }
                                })
                        .bind(new InetSocketAddress(bindAddress, port))
                        .sync()
                        .channel();
        return this;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully().syncUninterruptibly();
            workers.shutdownGracefully().syncUninterruptibly();
        }
    }
}
