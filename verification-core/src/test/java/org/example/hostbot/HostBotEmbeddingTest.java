package org.example.hostbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.event.MemberVerified;
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
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Another Java bot embedding the core, written the way its author would: its own mail service and its
 * own Discord calls as lambdas, everything else in memory. Lives outside the core's packages on purpose.
 */
class HostBotEmbeddingTest {

    /** Stand-ins for the host bot's own services. */
    private final List<String> outbox = new CopyOnWriteArrayList<>();
    private final List<String> discordCalls = new CopyOnWriteArrayList<>();
    private final List<String> announcements = new CopyOnWriteArrayList<>();

    @Test
    void aHostBotVerifiesAMemberWithItsOwnMailerAndDiscordCalls() {
        Stores stores = InMemoryStores.create();
        try (Gatehouse gatehouse = Gatehouse.builder()
                .stores(stores)
                .publicBaseUrl(URI.create("https://bot.example.org"))
                .mailer(email -> {
                    outbox.add(email.to() + " " + email.confirmLink());
                    return MailOutcome.sent();
                })
                .memberAccess(update -> {
                    discordCalls.add(update.guild() + "/" + update.member() + " " + update.change());
                    return AccessOutcome.applied();
                })
                .listener(event -> {
                    if (event instanceof MemberVerified verified) {
                        announcements.add("welcome " + verified.link().discordUser());
                    }
                })
                .build()) {
            TenantId club = new TenantId("chess-club");
            GuildId server = new GuildId(123456789012345678L);
            gatehouse.tenants().create(new CreateTenant(club, "Chess Club", List.of()));
            stores.directory().save(new DirectoryUser(club, new DirectoryUserId("m-17"),
                    new EmailAddress("magnus@example.org"), new DisplayName("Magnus C.")));
            gatehouse.administration().bind(new BindCommand(server, club, Authority.OPERATOR));
            gatehouse.administration().configure(ConfigureCommand.of(server, new GuildSettingChange.VerifiedRole(new RoleId(42)), new GuildSettingChange.GateMessages(true)));

            DiscordAccount member = new DiscordAccount(new DiscordUserId(555), "magnus");
            LinkSent sent = assertInstanceOf(LinkSent.class,
                    gatehouse.requestVerification().request(new RequestCommand(server, "Chess Club", member, "M-17")));
            sent.delivery().toCompletableFuture().join();
            String link = outbox.get(0).split(" ")[1];
            String token = link.substring(link.lastIndexOf('/') + 1);

            assertInstanceOf(Confirmed.class, gatehouse.reviewVerification().confirm(new LinkCommand(token, new ClientIp("192.0.2.1"))));
            gatehouse.deliverMemberUpdates().deliverDue(10);

            assertTrue(outbox.get(0).startsWith("magnus@example.org https://bot.example.org/verify/"));
            assertEquals(List.of(
                    server + "/555 " + new MemberChange.GrantRole(new RoleId(42)),
                    server + "/555 " + new MemberChange.SetNickname("Magnus C.")), discordCalls);
            assertEquals(List.of("welcome 555"), announcements);
            assertTrue(gatehouse.gate().decide(new GateCommand(server, member.id(), false)).name().startsWith("KEEP"));
        }
    }
}
