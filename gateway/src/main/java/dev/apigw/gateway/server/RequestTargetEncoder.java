package dev.apigw.gateway.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Percent-encodes the bytes of the request target that are not printable ASCII, once, as the bytes the
 * client sent. Netty reads the request line one byte to one character (ISO-8859-1); Spring keeps those
 * characters in the request URI, and Spring Cloud Gateway, finding no escape in it, encodes each one as
 * UTF-8 when it builds the backend URL: a raw {@code é} (bytes C3 A9) reached the backend as
 * {@code %C3%83%C2%A9}. Encoded here, before Spring reads the target, it is {@code %C3%A9} for routing,
 * authentication and the backend alike; bytes the URI parser refused outright (C2 80–C2 A0, the
 * continuation bytes of many characters) now pass too. In the path, a raw {@code \} and raw control
 * characters are encoded as well, so that {@code CanonicalPathFilter} refuses them with a problem
 * instead of the server with an empty 400; in the query they are left for the URI parser to refuse.
 */
@ChannelHandler.Sharable
final class RequestTargetEncoder extends ChannelInboundHandlerAdapter {

    static final String NAME = "apigw.requestTargetEncoder";
    static final RequestTargetEncoder INSTANCE = new RequestTargetEncoder();

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestTargetEncoder() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            String target = request.uri();
            String encoded = encode(target);
            if (!encoded.equals(target)) {
                request.setUri(encoded);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** {@code target} with its bytes above 0x7E, and in the path its control bytes and {@code \}, as escapes. */
    static String encode(String target) {
        int i = 0;
        boolean inPath = true;
        for (; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                inPath = false;
            }
            if (needsEncoding(c, inPath)) {
                break;
            }
        }
        if (i == target.length()) {
            return target;
        }
        StringBuilder out = new StringBuilder(target.length() + 16).append(target, 0, i);
        for (; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                inPath = false;
            }
            if (needsEncoding(c, inPath)) {
                // One character per byte read, so each is one byte; anything wider cannot come off the wire.
                out.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEncoding(char c, boolean inPath) {
        return c > 0x7E || (inPath && (c < 0x20 || c == 0x7F || c == '\\'));
    }
}
