package dev.gatehouse.web;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.out.HandoffRequests;
import dev.gatehouse.core.port.out.RateLimitStore;
import dev.gatehouse.core.port.out.Sessions;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.Tenants;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real verification core with in-memory stores: one tenant bound to one Discord server, members made
 * on demand, a mailer that keeps every email (so tests open the links the core really sent), a clock tests
 * can move, and a switch that makes the stores fail like a database that is down. A second tenant hands
 * members off to its own site, with {@link JoseHandoffTokens} signing and reading the tokens.
 */
final class GatehouseFixture implements AutoCloseable {
    static final TenantId TENANT = new TenantId("acme");
    static final String TENANT_NAME = "Acme University";
    static final GuildId GUILD = new GuildId(700000000000000001L);
    static final String GUILD_NAME = "Acme Students";
    static final String BROKEN_DETAIL = "connection to db-internal.acme:5432 refused (secret detail)";
    static final TenantId HANDOFF_TENANT = new TenantId("orgsite");
    static final GuildId HANDOFF_GUILD = new GuildId(700000000000000002L);
    static final String HANDOFF_GUILD_NAME = "Org Lounge";
    static final RoleId HANDOFF_ROLE = new RoleId(710000000000000002L);
    static final URI HANDOFF_SITE = URI.create("https://members.org.example/discord?lang=en");
    static final String HANDOFF_SECRET = "org-site-shared-secret-0123456789-abcdef";

    /** How the stores behave. */
    enum StoreState { UP, DOWN, BROKEN }

    private static final AtomicLong SEQUENCE = new AtomicLong(1);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final Map<EmailAddress, VerificationEmail> inbox = new ConcurrentHashMap<>();
    private final Set<EmailAddress> undeliverable = ConcurrentHashMap.newKeySet();
    private final AtomicReference<StoreState> state = new AtomicReference<>(StoreState.UP);
    private final Stores stores;
    private final Gatehouse gatehouse;

    /** A member: a directory user and the Discord account that will ask to be verified as them. */
    record Member(DirectoryUser user, DiscordAccount discord) {
        String realName() {
            return user.name().value();
        }
    }

    GatehouseFixture(URI publicBaseUrl) {
        Stores memory = InMemoryStores.create();
        this.stores = new Stores(memory.transactions(), switchable(Tenants.class, memory.tenants()), memory.guilds(), memory.directory(),
                memory.links(),
                memory.membershipIndex(), switchable(Sessions.class, memory.sessions()), switchable(RateLimitStore.class, memory.rateLimits()),
                memory.memberUpdates(),
                memory.audit(), switchable(HandoffRequests.class, memory.handoffs()), memory.wrongAnswers(), memory.directoryImports(),
                memory.signIns(), memory.personalData(), memory.arrivals());
        this.gatehouse = Gatehouse.builder()
                .stores(stores)
                .clock(clock)
                .publicBaseUrl(publicBaseUrl)
                .handoffTokens(new JoseHandoffTokens())
                .mailer(email -> {
                    inbox.put(email.to(), email);
                    return undeliverable.contains(email.to())
                            ? new MailOutcome.Unavailable("test relay refused")
                            : MailOutcome.sent();
                })
                .build();
        stores.tenants().save(TenantSettings.defaults(TENANT, TENANT_NAME));
        stores.guilds().save(GuildSettings.boundTo(GUILD, TENANT));
        stores.tenants().save(TenantSettings.defaults(HANDOFF_TENANT, "Org Members")
                .withMethod(VerificationMethod.SITE_HANDOFF)
                .withHandoff(HandoffSettings.none().withSiteUrl(HANDOFF_SITE).withSecret(new HandoffSecret(HANDOFF_SECRET))));
        stores.guilds().save(GuildSettings.boundTo(HANDOFF_GUILD, HANDOFF_TENANT).withVerifiedRole(HANDOFF_ROLE));
    }

    CompleteHandoff completeHandoff() {
        return gatehouse.completeHandoff();
    }

    Stores stores() {
        return stores;
    }

    /** A new Discord account, not yet known to any tenant. */
    DiscordAccount discordAccount(String username) {
        return new DiscordAccount(new DiscordUserId(810000000000000000L + SEQUENCE.getAndIncrement()), username);
    }

    /** The account runs /verify in the hand-off tenant's server; returns the link to the organisation's site. */
    URI handOff(DiscordAccount account) {
        RequestResult result = gatehouse.requestVerification().request(
                new RequestCommand(HANDOFF_GUILD, HANDOFF_GUILD_NAME, account, Optional.empty(), Optional.empty()));
        if (!(result instanceof HandoffReady)) {
            throw new AssertionError("expected a hand-off, got " + result);
        }
        return ((HandoffReady) result).link();
    }

    ReviewVerification reviewVerification() {
        return gatehouse.reviewVerification();
    }

    Gatehouse gatehouse() {
        return gatehouse;
    }

    /** A new directory user with this real name, and a new Discord account with this username. */
    Member member(String realName, String discordName) {
        long n = SEQUENCE.getAndIncrement();
        DirectoryUser user = new DirectoryUser(TENANT, new DirectoryUserId("user" + n), new EmailAddress("user" + n + "@acme.example"),
                new DisplayName(realName));
        stores.directory().save(user);
        return new Member(user, new DiscordAccount(new DiscordUserId(800000000000000000L + n), discordName));
    }

    Member member(String realName) {
        return member(realName, "member_" + SEQUENCE.get());
    }

    /** The member runs /verify; returns the email the core sent (waiting for the mail thread). */
    VerificationEmail requestLink(Member member) {
        return requestLink(member, Optional.empty());
    }

    /** The member runs /verify from a Discord client in {@code language}, if known; returns the email the core sent. */
    VerificationEmail requestLink(Member member, Optional<java.util.Locale> language) {
        RequestResult result = gatehouse.requestVerification().request(
                new RequestCommand(GUILD, GUILD_NAME, member.discord(), Optional.of(member.user().id().value()), Optional.empty(),
                        language));
        if (!(result instanceof LinkSent)) {
            throw new AssertionError("expected a link to be sent, got " + result);
        }
        MailDelivery delivery;
        try {
            delivery = ((LinkSent) result).delivery().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the email was not sent in time", e);
        }
        VerificationEmail email = inbox.get(member.user().email());
        if (email == null || delivery == MailDelivery.NONE) {
            throw new AssertionError("no email reached " + member.user().email() + " (" + delivery + ")");
        }
        return email;
    }

    /** The mail relay will refuse this member's emails, so the core withdraws their links. */
    void failMailTo(Member member) {
        undeliverable.add(member.user().email());
    }

    /** Links a Discord account to a directory user behind the member's back, as an admin would. */
    void linkByHand(DiscordAccount discord, DirectoryUser user) {
        stores.links().insert(new Link(TENANT, discord.id(), user.id(), clock.instant(), LinkOrigin.ADMIN));
    }

    Optional<Link> linkOf(Member member) {
        return stores.links().findByDiscordUser(TENANT, member.discord().id());
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Stores up, down (StoreUnavailableException, as a database outage) or broken (an unexpected exception). */
    void stores(StoreState next) {
        state.set(next);
    }

    @Override
    public void close() {
        gatehouse.close();
    }

    /** The store, failing as {@link #stores} says. */
    private <T> T switchable(Class<T> port, T delegate) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> {
                    switch (state.get()) {
                        case DOWN:
                            throw new StoreUnavailableException("database is down", new java.io.IOException("refused"));
                        case BROKEN:
                            throw new IllegalStateException(BROKEN_DETAIL);
                        default:
                            try {
                                return method.invoke(delegate, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                }));
    }

    /** A clock tests move by hand. */
    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
