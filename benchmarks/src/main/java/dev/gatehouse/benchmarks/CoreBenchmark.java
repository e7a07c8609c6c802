package dev.gatehouse.benchmarks;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's hot paths besides the gate: reading a link's token (format and SHA-256, done by every link page) and a
 * whole confirmation through the core over the in-memory stores (consume the session, link, queue role and nickname,
 * audit), each on a session seeded before the iteration (an iteration that used them all up fails rather than
 * measuring something else).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CoreBenchmark {
    private static final TenantId TENANT = new TenantId("bench");
    private static final GuildId GUILD = new GuildId(900_000_000_000_000_001L);
    /** Sessions seeded before each one-second iteration, more than the in-memory core confirms in one. */
    private static final int SESSIONS = 600_000;
    private static final ClientIp CLIENT = new ClientIp("198.51.100.7");

    private final SecureRandom random = new SecureRandom();
    private String token;
    private Stores stores;
    private Gatehouse gatehouse;
    private String[] tokens;
    private int next;
    private long member = 100_000_000_000_000_000L;

    @Setup
    public void setUp() {
        token = newToken();
        stores = InMemoryStores.create();
        stores.tenants().save(TenantSettings.defaults(TENANT, "Bench"));
        stores.guilds().save(GuildSettings.boundTo(GUILD, TENANT).withVerifiedRole(new RoleId(7)));
        gatehouse = Gatehouse.builder().stores(stores).clock(Clock.systemUTC()).publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailExecutor(Runnable::run).mailer(email -> MailOutcome.sent()).build();
    }

    /** Fresh pending sessions for the iteration's confirmations. */
    @Setup(Level.Iteration)
    public void seedSessions() {
        tokens = new String[SESSIONS];
        next = 0;
        Instant now = Instant.now();
        for (int i = 0; i < SESSIONS; i++) {
            tokens[i] = newToken();
            long id = member++;
            stores.sessions().startReplacingPending(new VerificationSession(SessionId.random(), TENANT, GUILD, "Bench Lectures",
                    new DiscordAccount(new DiscordUserId(id), "member" + id), new DirectoryUserId("u" + id),
                    VerificationToken.of(tokens[i]).hash(), now, now.plus(Duration.ofHours(3)), SessionState.PENDING));
        }
    }

    private String newToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    @Benchmark
    public TokenHash readALinkToken() {
        return VerificationToken.parse(token).orElseThrow().hash();
    }

    @Benchmark
    public ConfirmResult confirmInMemory() {
        return gatehouse.reviewVerification().confirm(new LinkCommand(tokens[next++], CLIENT));
    }
}
