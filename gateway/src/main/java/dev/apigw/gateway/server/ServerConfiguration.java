package dev.apigw.gateway.server;

import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Puts {@link RequestTargetEncoder} and {@link BodyDecodingGuard} between Netty's HTTP decoder and Reactor Netty. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    NettyServerCustomizer requestDecodingHandlers() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            // HTTP/1.1 (the only protocol served): the traffic handler reads what the codec decoded.
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(
                        NettyPipeline.HttpTrafficHandler, RequestTargetEncoder.NAME, RequestTargetEncoder.INSTANCE);
                pipeline.addBefore(
                        NettyPipeline.HttpTrafficHandler, BodyDecodingGuard.NAME, BodyDecodingGuard.INSTANCE);
            }
        });
    }
}
