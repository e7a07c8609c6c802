package dev.gatehouse.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
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
        BesideHttpCodec.register(event.getBean(), HANDLER, () -> writer);
        return event.getBean();
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
