package dev.gatehouse.app;

import dev.gatehouse.core.Fleet;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardLease;
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
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.ReverifyMembers;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.discord.GatewayRecommendation;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the core: the PostgreSQL stores, the mailer from {@code gatehouse.smtp}, links under
 * {@code gatehouse.web.public-base-url}, hand-off tokens signed with Nimbus JOSE, and the in-ports the adapters drive, each counted by {@link GatehouseMetrics}.
 */
@Factory
class CoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CoreFactory.class);
    private static final Duration RECOMMENDATION_TIMEOUT = Duration.ofSeconds(10);


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
    SignInWithProvider signInWithProvider(Gatehouse gatehouse) {
        return gatehouse.signInWithProvider();
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
    ReverifyMembers reverifyMembers(Gatehouse gatehouse) {
        return gatehouse.reverification();
    }

    @Singleton
    RemoveUnverifiedMembers removeUnverifiedMembers(Gatehouse gatehouse) {
        return gatehouse.unverifiedMembers();
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
            @Nullable @Value("${gatehouse.discord.shard-count:}") String shardCount,
            @Value("${gatehouse.fleet.heartbeat:5s}") Duration heartbeat,
            @Value("${gatehouse.fleet.lease-expiry:20s}") Duration leaseExpiry,
            @Nullable @Value("${gatehouse.fleet.instance-id:}") String instanceId,
            @Nullable @Value("${gatehouse.discord.token:}") String token,
            @Nullable @Value("${gatehouse.discord.proxy:}") String proxy) {
        Optional<Integer> configured = shardCount(shardCount);
        int shards = configured.orElse(1);
        int maxConcurrency = 1;
        if (token != null && !token.isBlank()) {
            GatewayRecommendation.Answer answer = GatewayRecommendation.fetch(token.strip(), DiscordRunner.proxy(proxy),
                    RECOMMENDATION_TIMEOUT);
            if (answer instanceof GatewayRecommendation.Recommended recommended) {
                shards = configured.orElse(recommended.shards());
                maxConcurrency = recommended.maxConcurrency();
                LOG.info("Discord recommends {} shards and {} identifies at once; the fleet runs {} shards{}", recommended.shards(),
                        maxConcurrency, shards, configured.isPresent() ? " (gatehouse.discord.shard-count)" : "");
            } else if (answer instanceof GatewayRecommendation.Unavailable unavailable) {
                if (configured.isEmpty()) {
                    throw new IllegalStateException("gatehouse.discord.shard-count is not set and Discord's recommendation could "
                            + "not be read (" + unavailable.reason() + "): set it, or let this instance reach Discord");
                }
                LOG.warn("Could not read Discord's gateway advice ({}); identifying one shard at a time", unavailable.reason());
            }
        }
        ShardSettings settings = shardSettings(shards, heartbeat, leaseExpiry, maxConcurrency);
        return Fleet.coordinator(leases, Clock.systemUTC(), settings, instanceId(instanceId));
    }

    private static Optional<Integer> shardCount(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(setting.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gatehouse.discord.shard-count: '" + setting + "' is not a whole number", e);
        }
    }

    /**
     * The fleet as the shard leases show it, for {@code status} and the metrics; only reads, so the CLI and an
     * instance outside fleet mode may have it too.
     */
    @Singleton
    InspectFleet inspectFleet(ShardLeases leases,
            @Nullable @Value("${gatehouse.discord.shard-count:}") String shardCount,
            @Value("${gatehouse.fleet.heartbeat:5s}") Duration heartbeat,
            @Value("${gatehouse.fleet.lease-expiry:20s}") Duration leaseExpiry,
            @Nullable @Value("${gatehouse.fleet.instance-id:}") String instanceId) {
        InstanceId self = instanceId(instanceId);
        Optional<Integer> configured = shardCount(shardCount);
        // without a configured count, as many shards as the leases show (the instances took the count from Discord),
        // read at each look, never at start: health and metrics must come up while the database is down
        Supplier<InspectFleet> now = () -> Fleet.inspector(leases, Clock.systemUTC(), shardSettings(configured.orElseGet(
                () -> leases.leases().stream().mapToInt(ShardLease::shard).max().orElse(0) + 1), heartbeat, leaseExpiry, 1), self);
        return new InspectFleet() {
            @Override
            public CoordinateShards.FleetView fleet() {
                return now.get().fleet();
            }

            @Override
            public InstanceId instance() {
                return self;
            }

            @Override
            public Map<Integer, Long> waitingNotices() {
                return now.get().waitingNotices();
            }
        };
    }

    private static final Duration IDENTIFY_SPACING = Duration.ofMillis(5_500);

    private static ShardSettings shardSettings(int shardCount, Duration heartbeat, Duration leaseExpiry, int maxConcurrency) {
        try {
            // Discord's 5 s between identifies of a bucket, plus the time a login takes from its slot to its IDENTIFY
            return new ShardSettings(shardCount, heartbeat, leaseExpiry, maxConcurrency, IDENTIFY_SPACING, 1000);
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
