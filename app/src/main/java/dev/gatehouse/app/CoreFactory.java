package dev.gatehouse.app;

import dev.gatehouse.core.Fleet;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.mail.VerificationMailers;
import dev.gatehouse.web.JoseHandoffTokens;
import dev.gatehouse.web.WebSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the core: the PostgreSQL stores, the mailer from {@code gatehouse.smtp}, links under
 * {@code gatehouse.web.public-base-url}, hand-off tokens signed with Nimbus JOSE, and the in-ports the adapters drive, each counted by {@link GatehouseMetrics}.
 */
@Factory
class CoreFactory {

    @Singleton
    VerificationMailer mailer(MailConfiguration mail, GatehouseMetrics metrics) {
        return metrics.countingFailures(VerificationMailers.fromSettings(mail.settings()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    Gatehouse gatehouse(Stores stores, VerificationMailer mailer, MailConfiguration mail, WebSettings web) {
        return Gatehouse.builder()
                .stores(stores)
                .mailer(mailer)
                .mailQueue(mail.queue())
                .publicBaseUrl(web.publicBaseUrl())
                .handoffTokens(new JoseHandoffTokens())
                .build();
    }

    @Singleton
    RequestVerification requestVerification(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.requestVerification());
    }

    @Singleton
    ReviewVerification reviewVerification(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.reviewVerification());
    }

    @Singleton
    CompleteHandoff completeHandoff(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.completeHandoff());
    }

    @Singleton
    ReviewWrongAnswers reviewWrongAnswers(Gatehouse gatehouse) {
        return gatehouse.wrongAnswers();
    }

    @Singleton
    GateMessages gateMessages(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.gate());
    }

    @Singleton
    ExpireSessions expireSessions(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.expiry());
    }

    @Singleton
    PurgeOldRecords purgeOldRecords(Gatehouse gatehouse) {
        return gatehouse.retention();
    }

    @Singleton
    WelcomeMembers welcomeMembers(Gatehouse gatehouse) {
        return gatehouse.welcome();
    }

    @Singleton
    AdministerGuild administerGuild(Gatehouse gatehouse) {
        return gatehouse.administration();
    }

    @Singleton
    AdministerTenants administerTenants(Gatehouse gatehouse) {
        return gatehouse.tenants();
    }

    @Singleton
    InspectOutbox inspectOutbox(Gatehouse gatehouse) {
        return gatehouse.outbox();
    }

    /**
     * Shard ownership for a fleet of instances sharing one bot token ({@code gatehouse.fleet.enabled=true}): leases in
     * PostgreSQL, {@code gatehouse.discord.shard-count} shards, this instance named by {@code gatehouse.fleet.instance-id}
     * (default: host name and process id).
     */
    @Singleton
    @Requires(property = "gatehouse.fleet.enabled", value = "true")
    CoordinateShards coordinateShards(ShardLeases leases,
            @Value("${gatehouse.discord.shard-count:1}") int shardCount,
            @Value("${gatehouse.fleet.heartbeat:5s}") Duration heartbeat,
            @Value("${gatehouse.fleet.lease-expiry:20s}") Duration leaseExpiry,
            @Nullable @Value("${gatehouse.fleet.instance-id:}") String instanceId) {
        return Fleet.coordinator(leases, Clock.systemUTC(), shardSettings(shardCount, heartbeat, leaseExpiry), instanceId(instanceId));
    }

    /**
     * The fleet as the shard leases show it, for {@code status} and the metrics; only reads, so the CLI and an
     * instance outside fleet mode may have it too.
     */
    @Singleton
    InspectFleet inspectFleet(ShardLeases leases,
            @Value("${gatehouse.discord.shard-count:1}") int shardCount,
            @Value("${gatehouse.fleet.heartbeat:5s}") Duration heartbeat,
            @Value("${gatehouse.fleet.lease-expiry:20s}") Duration leaseExpiry,
            @Nullable @Value("${gatehouse.fleet.instance-id:}") String instanceId) {
        return Fleet.inspector(leases, Clock.systemUTC(), shardSettings(shardCount, heartbeat, leaseExpiry), instanceId(instanceId));
    }

    private static ShardSettings shardSettings(int shardCount, Duration heartbeat, Duration leaseExpiry) {
        try {
            return new ShardSettings(shardCount, heartbeat, leaseExpiry, 1, Duration.ofSeconds(5), 1000);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.discord.shard-count / gatehouse.fleet.heartbeat / lease-expiry: "
                    + e.getMessage(), e);
        }
    }

    private static InstanceId instanceId(String configured) {
        return new InstanceId(configured == null || configured.isBlank() ? defaultInstanceId() : configured);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "gatehouse";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
