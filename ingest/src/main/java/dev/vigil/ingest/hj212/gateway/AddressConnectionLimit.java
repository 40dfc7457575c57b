package dev.vigil.ingest.hj212.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Closes a new connection at once when its remote IP already has the maximum number of open
 * connections, before anything else in the pipeline sees it; shared by all connections of a server.
 * Counts are kept only for addresses with open connections, so the map stays as small as the set of
 * connected hosts.
 */
@Sharable
final class AddressConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> REFUSED =
            AttributeKey.valueOf(AddressConnectionLimit.class, "refused");

    private final int max;
    private final GatewayMetrics metrics;
    private final ConcurrentMap<Object, Integer> open = new ConcurrentHashMap<>();

    AddressConnectionLimit(int max, GatewayMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Object key = key(ctx.channel());
        int count = open.merge(key, 1, Integer::sum);
        if (count > max) {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            metrics.connectionRefused();
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.computeIfPresent(key(ctx.channel()), (k, count) -> count <= 1 ? null : count - 1);
        if (!Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ctx.fireChannelInactive();
        }
    }

    /** The remote IP without the port; other channel types (tests) by their address object. */
    private static Object key(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return remote == null ? "unknown" : remote;
    }
}
