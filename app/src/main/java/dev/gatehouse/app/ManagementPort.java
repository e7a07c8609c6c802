package dev.gatehouse.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Serves {@code /manage/*} (health with details, Prometheus) on a listener of its own, by default on 127.0.0.1
 * only, and nothing else there; the public listener serves only the link pages, the hand-off callback and
 * {@code /health}. Micronaut's {@code endpoints.all.port} alone opens the management port on the public
 * listener's host, so both listeners are declared here. The endpoints' routes answer only on
 * {@code endpoints.all.port}, which application.yml ties to {@code gatehouse.management.port}.
 */
@Singleton
final class ManagementPort implements BeanCreatedEventListener<NettyHttpServerConfiguration> {
    private final String host;
    private final int port;

    ManagementPort(@Value("${gatehouse.management.host:127.0.0.1}") String host, @Value("${gatehouse.management.port:8081}") int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("gatehouse.management.port must be a TCP port (1 to 65535), got " + port);
        }
        this.host = host.isBlank() ? null : host.strip();
        this.port = port;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (server.getListeners() != null) {
            return server;
        }
        int publicPort = server.getPort().orElse(8080);
        if (publicPort == port) {
            throw new IllegalArgumentException("gatehouse.management.port (" + port + ") must differ from micronaut.server.port");
        }
        NettyListenerConfiguration pages = NettyListenerConfiguration.createTcp(server.getHost().orElse(null), publicPort, false, null, null);
        NettyListenerConfiguration management = NettyListenerConfiguration.createTcp(host, port, false, null, null);
        management.setExposeDefaultRoutes(false);
        management.setSupportGracefulShutdown(false);
        server.setListeners(List.of(pages, management));
        return server;
    }
}
