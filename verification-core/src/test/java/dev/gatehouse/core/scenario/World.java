package dev.gatehouse.core.scenario;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.fake.FakeHandoffTokens;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A small world for scenarios: tenant {@code cs101} with two servers and a directory, a clock the test
 * moves, a mailer that keeps what it sends, and member access that records what it was asked to do.
 */
final class World {
    static final Instant START = Instant.parse("2026-09-01T09:00:00Z");
    static final TenantId CS101 = new TenantId("cs101");
    static final GuildId LECTURES = new GuildId(1_000_000_001L);
    static final GuildId OFFICE_HOURS = new GuildId(1_000_000_002L);
    static final RoleId LECTURES_ROLE = new RoleId(501);
    static final RoleId OFFICE_HOURS_ROLE = new RoleId(502);
    static final DiscordAccount ALICE = new DiscordAccount(new DiscordUserId(9001), "alice");
    static final DiscordAccount MALLORY = new DiscordAccount(new DiscordUserId(9666), "mallory");
    static final ClientIp BROWSER = new ClientIp("198.51.100.7");

    final MutableClock clock = new MutableClock(START);
    final List<VerificationEmail> sent = new CopyOnWriteArrayList<>();
    final List<MemberUpdate> applied = new CopyOnWriteArrayList<>();
    volatile Function<VerificationEmail, MailOutcome> mailBehaviour = email -> MailOutcome.sent();
    volatile Function<MemberUpdate, AccessOutcome> accessBehaviour = update -> AccessOutcome.applied();
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final FakeHandoffTokens handoffTokens = new FakeHandoffTokens();
    final Gatehouse gatehouse;
    /** The world's stores, for setting up and looking at state; the product reaches them only through the core. */
    final Stores stores = InMemoryStores.create();

    World() {
        this(UnaryOperator.identity());
    }

    World(UnaryOperator<TenantSettings> tenantSettings) {
        this(tenantSettings, builder -> builder.mailExecutor(Runnable::run));
    }

    /** A world whose emails go through the core's own senders, queue and deadline, as in production. */
    static World withMailQueue(MailQueue queue) {
        return new World(UnaryOperator.identity(), builder -> builder.mailQueue(queue));
    }

    private World(UnaryOperator<TenantSettings> tenantSettings, UnaryOperator<Gatehouse.Builder> mail) {
        gatehouse = mail.apply(Gatehouse.builder())
                .stores(stores)
                .clock(clock)
                .publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailer(email -> {
                    MailOutcome outcome = mailBehaviour.apply(email);
                    if (outcome instanceof MailOutcome.Sent) {
                        sent.add(email);
                    }
                    return outcome;
                })
                .memberAccess(this::access)
                .listener(events::add)
                .handoffTokens(handoffTokens)
                .build();
        stores.tenants().save(tenantSettings.apply(TenantSettings.defaults(CS101, "CS 101")));
        bind(LECTURES, LECTURES_ROLE);
        bind(OFFICE_HOURS, OFFICE_HOURS_ROLE);
        addUser(CS101, "jdoe42", "jane.doe@uni.example.edu", "Jane Doe");
        addUser(CS101, "bsmith", "bob.smith@uni.example.edu", "Bob Smith");
    }

    void bind(GuildId guild, RoleId role) {
        AdministerGuild admin = gatehouse.administration();
        admin.bind(new BindCommand(guild, CS101, Authority.OPERATOR));
        admin.configure(ConfigureCommand.of(guild, new GuildSettingChange.VerifiedRole(role), new GuildSettingChange.GateMessages(true)));
    }

    void addUser(TenantId tenant, String id, String email, String name) {
        stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId(id), new EmailAddress(email),
                new DisplayName(name)));
    }

    RequestResult verify(DiscordAccount who, GuildId where, String userId) {
        return gatehouse.requestVerification().request(new RequestCommand(where, "CS 101 Lectures", who, userId));
    }

    /** The token from the newest email's confirm link. */
    String lastToken() {
        String link = sent.get(sent.size() - 1).confirmLink().toString();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    static LinkCommand link(String token) {
        return new LinkCommand(token, BROWSER);
    }

    static LinkCommand link(String token, ClientIp from) {
        return new LinkCommand(token, from);
    }

    /** Delivers every due member update and returns what was applied by this call. */
    /** The member access the world's Gatehouse was built with: {@link #accessBehaviour}, recording what it applied. */
    AccessOutcome access(MemberUpdate update) {
        AccessOutcome outcome = accessBehaviour.apply(update);
        if (outcome instanceof AccessOutcome.Applied) {
            applied.add(update);
        }
        return outcome;
    }

    List<MemberUpdate> deliver() {
        int before = applied.size();
        gatehouse.deliverMemberUpdates().deliverDue(100);
        return List.copyOf(applied.subList(before, applied.size()));
    }
}
