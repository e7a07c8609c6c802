package dev.gatehouse.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gatehouse.web.request-read-timeout} (default 10 s): a client gets this long, from opening the connection
 * or from the end of the previous response, to send a whole request, headers and body. Idle timeouts can't stop
 * a client that trickles a byte every few seconds; this closes its connection when the time is up. An idle
 * keep-alive connection is closed after the same time.
 */
@Singleton
@Requires(property = "gatehouse.web.request-read-timeout", notEquals = "0s")
final class RequestReadDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestReadDeadline.class);
    private static final String HANDLER = "gatehouse-request-read-deadline";

    private final Duration timeout;

    RequestReadDeadline(@Property(name = "gatehouse.web.request-read-timeout", defaultValue = "10s") Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("gatehouse.web.request-read-timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        BesideHttpCodec.register(event.getBean(), HANDLER, () -> new Handler(timeout.toNanos()));
        return event.getBean();
    }

    /**
     * The timer runs while a request is being received and while the connection waits for the next one; it stops
     * while a complete request is being answered. Runs on the connection's event loop, so its fields need no locking.
     */
    private static final class Handler extends ChannelDuplexHandler {
        private final long timeoutNanos;
        private ScheduledFuture<?> timer;
        private boolean receiving;
        private long received;
        private long answered;

        Handler(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            disarm();
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest && !receiving) {
                receiving = true;
                if (timer == null) {
                    arm(ctx);
                }
            }
            if (msg instanceof LastHttpContent) {
                receiving = false;
                received++;
                if (answered < received) {
                    disarm();
                } else {
                    arm(ctx);
                }
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent) {
                answered++;
                if (!receiving && answered >= received) {
                    arm(ctx);
                }
            }
            super.write(ctx, msg, promise);
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            timer = ctx.executor().schedule(() -> {
                timer = null;
                LOG.debug("closing a connection from {}: no complete request within the read timeout", ctx.channel().remoteAddress());
                ctx.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
