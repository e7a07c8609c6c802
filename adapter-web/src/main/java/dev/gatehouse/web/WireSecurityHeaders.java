package dev.gatehouse.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import jakarta.inject.Singleton;

/**
 * The security headers on every HTTP/1 response the server writes, also those Micronaut writes itself for
 * requests it refused before routing (a HEAD with an oversize header got a bare 413 without them). A handler
 * next to the HTTP codec adds whichever of the headers a response lacks; responses that went through
 * {@link SecurityHeaders} already have them all.
 */
@Singleton
final class WireSecurityHeaders implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String HANDLER = "gatehouse-security-headers";
    private final Writer writer;

    WireSecurityHeaders(SecurityHeaders headers) {
        this.writer = new Writer(headers);
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
            }
        });
        return registry;
    }

    /** Puts the writer next to the connection's HTTP/1 codec once Micronaut has built the pipeline. */
    private final class OnConnection implements NettyServerCustomizer {
        private final Channel channel;

        OnConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, writer);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class Writer extends ChannelDuplexHandler {
        private final SecurityHeaders headers;

        Writer(SecurityHeaders headers) {
            this.headers = headers;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse response) {
                headers.each((name, value) -> {
                    if (!response.headers().contains(name)) {
                        response.headers().set(name, value);
                    }
                });
            }
            super.write(ctx, msg, promise);
        }
    }
}
