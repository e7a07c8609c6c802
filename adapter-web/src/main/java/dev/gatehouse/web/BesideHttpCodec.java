package dev.gatehouse.web;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.function.Supplier;

/**
 * Puts a Netty handler right after each connection's HTTP/1 codec, once Micronaut has built the pipeline: where a
 * handler sees every request and response, also those Micronaut answers itself before routing.
 */
final class BesideHttpCodec {
    private BesideHttpCodec() {
    }

    /** Registers {@code handler} (a new one per connection, or a shared one) under {@code name} on every connection. */
    static void register(NettyServerCustomizer.Registry registry, String name, Supplier<ChannelHandler> handler) {
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel, name, handler) : this;
            }
        });
    }

    private static final class OnConnection implements NettyServerCustomizer {
        private final Channel channel;
        private final String name;
        private final Supplier<ChannelHandler> handler;

        OnConnection(Channel channel, String name, Supplier<ChannelHandler> handler) {
            this.channel = channel;
            this.name = name;
            this.handler = handler;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(name) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, name, handler.get());
            }
        }
    }
}
