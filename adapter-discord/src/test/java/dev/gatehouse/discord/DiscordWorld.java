package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.discord.fake.FakeDiscord;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Discord test world of one test class: the fake Discord with the class's servers, the real core on in-memory
 * stores (mails recorded, not sent), and a {@link DiscordBot} on real Javacord connected to the fake. Register it as a
 * static field with {@code @RegisterExtension}: it starts before the class's first test and stops after its last, so
 * every class has a fresh world. Before each test the requests and mails seen so far are forgotten, so a test only
 * sees what it caused and no test depends on another having run first.
 */
final class DiscordWorld implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Consumer<FakeDiscord> servers = discord -> { };
    private UnaryOperator<BotSettings> botSettings = settings -> settings;
    private UnaryOperator<Gatehouse.Builder> core = builder -> builder;
    private Function<VerificationEmail, MailOutcome> mailOutcome = email -> MailOutcome.sent();
    private Consumer<DiscordWorld> data = world -> { };
    private UnaryOperator<BotPorts> ports = corePorts -> corePorts;

    private final Map<String, VerificationEmail> mails = new ConcurrentHashMap<>();
    private Stores stores;
    private FakeDiscord discord;
    private Gatehouse gatehouse;
    private DiscordBot bot;

    private DiscordWorld() {
    }

    static DiscordWorld create() {
        return new DiscordWorld();
    }

    /** Lays out the fake Discord's servers, channels, roles and members before the bot logs in. */
    DiscordWorld servers(Consumer<FakeDiscord> layout) {
        this.servers = layout;
        return this;
    }

    DiscordWorld botSettings(UnaryOperator<BotSettings> settings) {
        this.botSettings = settings;
        return this;
    }

    /** More for the core's builder (hand-off tokens, say); mailer, member access and the bot's listener are set. */
    DiscordWorld core(UnaryOperator<Gatehouse.Builder> builder) {
        this.core = builder;
        return this;
    }

    /** What the mail relay answers; every mail is recorded either way. */
    DiscordWorld mailOutcome(Function<VerificationEmail, MailOutcome> outcome) {
        this.mailOutcome = outcome;
        return this;
    }

    /** Tenants, directories and bound servers, made once the core runs and before the bot starts. */
    DiscordWorld data(Consumer<DiscordWorld> data) {
        this.data = data;
        return this;
    }

    /** Replaces ports the bot is started with (a slow core, say). */
    DiscordWorld ports(UnaryOperator<BotPorts> ports) {
        this.ports = ports;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        discord = FakeDiscord.start();
        servers.accept(discord);
        bot = DiscordBot.create(botSettings.apply(BotSettings.of(FakeDiscord.TOKEN)), discord::apiBuilder);
        stores = InMemoryStores.create();
        gatehouse = core.apply(Gatehouse.builder()
                        .stores(stores)
                        .publicBaseUrl(URI.create("https://verify.example.test"))
                        .mailer(email -> {
                            mails.put(email.to().value(), email);
                            return mailOutcome.apply(email);
                        })
                        .memberAccess(bot.memberAccess())
                        .listener(bot.eventListener()))
                .build();
        data.accept(this);
        bot.start(ports.apply(BotPorts.of(gatehouse, gatehouse.deliverMemberUpdates())));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        discord.forgetRequests();
        mails.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (bot != null) {
            bot.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    FakeDiscord discord() {
        return discord;
    }

    Gatehouse gatehouse() {
        return gatehouse;
    }

    DiscordBot bot() {
        return bot;
    }

    void tenant(TenantSettings tenant) {
        stores.tenants().save(tenant);
    }

    void directory(TenantId tenant, String id, String email, String name) {
        stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId(id), new EmailAddress(email),
                new DisplayName(name)));
    }

    /** The stores the core runs on, for setting up and inspecting state as a host would. */
    Stores stores() {
        return stores;
    }

    /** Binds a server to a tenant as the operator and changes its options. */
    void bind(long guild, TenantId tenant, GuildSettingChange... changes) {
        AdministerGuild admin = gatehouse.administration();
        assertInstanceOf(AdministerGuild.Bound.class, admin.bind(new BindCommand(new GuildId(guild), tenant, Authority.OPERATOR)));
        assertInstanceOf(AdministerGuild.Configured.class, admin.configure(ConfigureCommand.of(new GuildId(guild), changes)));
    }

    /** The addresses mailed during this test. */
    Set<String> mailedAddresses() {
        return Set.copyOf(mails.keySet());
    }

    /** An admin links a member by hand, as {@code /gatehouse link} would. */
    AdministerGuild.LinkResult link(long guild, long member, String userId, long admin) {
        return gatehouse.administration().link(new LinkMemberCommand(new GuildId(guild), new DiscordUserId(member), userId,
                new DiscordUserId(admin)));
    }

    /** The mail to {@code address} sent during this test, waiting for it up to {@link #WAIT}. */
    VerificationEmail awaitMail(String address) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            VerificationEmail mail = mails.get(address);
            if (mail != null) {
                return mail;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no email to " + address + " within " + WAIT);
    }
}
