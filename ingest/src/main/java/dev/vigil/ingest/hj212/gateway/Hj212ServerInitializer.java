package dev.vigil.ingest.hj212.gateway;

import dev.vigil.ingest.hj212.Hj212FrameDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of one data logger connection: per-address connection cap, idle timeout
 * (nothing received for the configured time), HJ 212 framing with the maximum length checked from
 * the header, and the {@link Hj212Handler}.
 */
public final class Hj212ServerInitializer extends ChannelInitializer<Channel> {
    private final Hj212Gateway gateway;

    public Hj212ServerInitializer(Hj212Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void initChannel(Channel channel) {
        Hj212GatewayConfig config = gateway.config();
        channel.pipeline()
                .addLast("connection-limit", gateway.connectionLimit())
                .addLast(
                        "idle",
                        new IdleStateHandler(
                                config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("frames", new Hj212FrameDecoder(config.maxDataLength()))
                .addLast("handler", gateway.newHandler());
    }
}
