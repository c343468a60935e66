package dev.apigw.gateway.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;

/**
 * Notes on the connection that a request body failed to decode (a chunk size that is not hex, a chunk
 * longer than declared), before Reactor Netty sees the failure. Reactor Netty then answers 400 and
 * closes the connection, but ends the body it was streaming as if it were complete; {@link
 * BodyDecodingFilter} reads this note to end it with an error instead.
 */
@ChannelHandler.Sharable
final class BodyDecodingGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "apigw.bodyDecodingGuard";
    static final BodyDecodingGuard INSTANCE = new BodyDecodingGuard();
    /** Set once on a connection whose request body failed; such a connection serves no further request. */
    static final AttributeKey<Boolean> BODY_FAILED = AttributeKey.valueOf(BodyDecodingGuard.class, "bodyFailed");

    private BodyDecodingGuard() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpContent content
                && !(msg instanceof HttpRequest)
                && content.decoderResult().isFailure()) {
            ctx.channel().attr(BODY_FAILED).set(Boolean.TRUE);
        }
        ctx.fireChannelRead(msg);
    }
}
