package dev.vigil.deploy.simulate;

import dev.vigil.ingest.hj212.DecodeFailure;
import dev.vigil.ingest.hj212.Hj212Frame;
import dev.vigil.ingest.hj212.Hj212ParseResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * The end of a simulated logger's pipeline: takes what {@code Hj212FrameDecoder} made of the
 * gateway's bytes (answers, commands, or failures) and hands it to the logger.
 */
final class DeviceHandler extends SimpleChannelInboundHandler<Object> {

    private final SimulatedDevice device;

    DeviceHandler(SimulatedDevice device) {
        this.device = device;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Hj212Frame frame) {
            Hj212ParseResult result = device.parser().parse(frame);
            if (result.isParsed()) {
                device.onMessage(result.message());
            } else {
                device.onBadReply(result.failure().describe());
            }
        } else if (msg instanceof DecodeFailure failure) {
            device.onBadReply(failure.describe());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        device.onInactive(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        device.onError(cause);
        ctx.close();
    }
}
