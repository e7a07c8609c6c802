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
 * A whole confirmation through the core over the in-memory stores (consume the session, link, queue role and
 * nickname, audit): each measured iteration confirms {@value #SESSIONS} sessions seeded before it in fresh stores, and
 * the score is the time of all {@value #SESSIONS} (divide for one confirmation; bytes per op likewise).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, batchSize = ConfirmBenchmark.SESSIONS)
@Measurement(iterations = 10, batchSize = ConfirmBenchmark.SESSIONS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ConfirmBenchmark {
    private static final TenantId TENANT = new TenantId("bench");
    private static final GuildId GUILD = new GuildId(900_000_000_000_000_001L);
    /** Sessions per iteration; the in-memory store's start of a session looks at every session, so not many more. */
    static final int SESSIONS = 20_000;
    private static final ClientIp CLIENT = new ClientIp("198.51.100.7");

    private final SecureRandom random = new SecureRandom();
    private Stores stores;
    private Gatehouse gatehouse;
    private String[] tokens;
    private int next;
    private long member = 100_000_000_000_000_000L;

    /** Fresh stores and pending sessions for the iteration's confirmations. */
    @Setup(Level.Iteration)
    public void seedSessions() {
        stores = InMemoryStores.create();
        stores.tenants().save(TenantSettings.defaults(TENANT, "Bench"));
        stores.guilds().save(GuildSettings.boundTo(GUILD, TENANT).withVerifiedRole(new RoleId(7)));
        gatehouse = Gatehouse.builder().stores(stores).clock(Clock.systemUTC()).publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailExecutor(Runnable::run).mailer(email -> MailOutcome.sent()).build();
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
    public ConfirmResult confirmInMemory() {
        return gatehouse.reviewVerification().confirm(new LinkCommand(tokens[next++], CLIENT));
    }
}
