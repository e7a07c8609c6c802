package dev.gatehouse.benchmarks;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.persistence.BenchmarkIndexes;
import java.net.URI;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The message gate ({@link GateMessages#decide}) for the three common messages, a verified member's, an unverified
 * member's and a bot's, in a gated server whose tenant has {@code links} links, over the core's in-memory stores
 * ({@code memory}: its server lookup and its {@code MemoryLinks} index) or with the PostgreSQL adapter's index
 * ({@code postgres-index}). Authors are drawn at random from {@code authors} members (and as many non-members): with
 * all 1,000,000 every lookup misses the CPU caches (the worst case, bound by memory latency); with 10,000 (a server's
 * active chatters among a million links) the hot part of the index stays in cache. Run with {@code -prof gc} for the
 * bytes allocated per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GateBenchmark {
    private static final TenantId TENANT = new TenantId("bench");
    private static final GuildId GUILD = new GuildId(900_000_000_000_000_001L);
    private static final int COMMANDS = 1 << 20;

    @Param({"memory", "postgres-index"})
    public String store;

    @Param({"1000000"})
    public int links;

    @Param({"1000000", "10000"})
    public int authors;

    private Gatehouse gatehouse;
    private GateMessages gate;
    private GateCommand[] verified;
    private GateCommand[] unverified;
    private GateCommand bot;
    private int next;

    @Setup
    public void setUp() {
        Stores memory = InMemoryStores.create();
        memory.tenants().save(TenantSettings.defaults(TENANT, "Bench"));
        memory.guilds().save(GuildSettings.boundTo(GUILD, TENANT).withVerifiedRole(new RoleId(7)).withGateMessages(true));
        SplittableRandom random = new SplittableRandom(15);
        long[] linked = new long[links];
        for (int i = 0; i < links; i++) {
            linked[i] = snowflake(random);
        }
        Stores stores = memory;
        if (store.equals("memory")) {
            Instant now = Instant.now();
            for (int i = 0; i < links; i++) {
                memory.links().insert(new Link(TENANT, new DiscordUserId(linked[i]), new DirectoryUserId("u" + i), now, LinkOrigin.EMAIL));
            }
        } else if (store.equals("postgres-index")) {
            stores = new Stores(memory.transactions(), memory.tenants(), memory.guilds(), memory.directory(), memory.links(),
                    BenchmarkIndexes.linked(TENANT, linked), memory.sessions(), memory.rateLimits(), memory.memberUpdates(),
                    memory.audit(), memory.handoffs(), memory.wrongAnswers(), memory.directoryImports(), memory.signIns(),
                    memory.personalData(), memory.arrivals());
        } else {
            throw new IllegalArgumentException("store is memory or postgres-index, got " + store);
        }
        gatehouse = Gatehouse.builder().stores(stores).publicBaseUrl(URI.create("https://verify.example.org"))
                .mailer(email -> MailOutcome.sent()).build();
        gate = gatehouse.gate();
        verified = new GateCommand[COMMANDS];
        unverified = new GateCommand[COMMANDS];
        int active = Math.min(authors, links);
        long[] strangers = new long[active];
        for (int i = 0; i < active; i++) {
            strangers[i] = snowflake(random);
        }
        for (int i = 0; i < COMMANDS; i++) {
            verified[i] = new GateCommand(GUILD, new DiscordUserId(linked[random.nextInt(active)]), false);
            unverified[i] = new GateCommand(GUILD, new DiscordUserId(strangers[random.nextInt(active)]), false);
        }
        bot = new GateCommand(GUILD, new DiscordUserId(snowflake(random)), true);
        check(verified[0], GateDecision.KEEP_VERIFIED);
        check(unverified[0], GateDecision.DELETE_UNVERIFIED);
        check(bot, GateDecision.KEEP_BOT);
    }

    @TearDown
    public void tearDown() {
        gatehouse.close();
    }

    private void check(GateCommand command, GateDecision expected) {
        if (gate.decide(command) != expected) {
            throw new IllegalStateException("the gate decided " + gate.decide(command) + " for " + command + ", not " + expected);
        }
    }

    /** A Discord id of 2015–2030 (the timestamp bits of a snowflake), random below. */
    private static long snowflake(SplittableRandom random) {
        return random.nextLong(1L << 50, 1L << 60);
    }

    @Benchmark
    public GateDecision verifiedMember() {
        return gate.decide(verified[next++ & (COMMANDS - 1)]);
    }

    @Benchmark
    public GateDecision unverifiedMember() {
        return gate.decide(unverified[next++ & (COMMANDS - 1)]);
    }

    @Benchmark
    public GateDecision bot() {
        return gate.decide(bot);
    }
}
