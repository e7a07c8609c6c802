package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse setup. */
class SetupSubcommandTest {
    @Test
    void setupShowsTheRoleAsAMentionAndTheWarnings() {
        GuildSettings settings = GuildSettings.boundTo(new GuildId(7), TENANT).withVerifiedRole(new RoleId(99)).withGateMessages(true);
        String reply = SetupSubcommand.done(settings, List.of(new SetupCheck.MissingPermission(SetupCheck.Permission.MANAGE_MESSAGES)));
        assertTrue(reply.contains("<@&99>") && reply.contains("unverified members:** on")
                && reply.contains("**Needs attention:**\n⚠️ I don't have the **Manage Messages** permission"), reply);
    }

    @Test
    void bindRefusalsExplainWhoCanBind() {
        assertTrue(SetupSubcommand.bind(new AdministerGuild.TenantNotFound(TENANT)).contains("no tenant `cs101`"));
        assertTrue(SetupSubcommand.bind(new AdministerGuild.BindingNotAllowed(TENANT)).contains("only its operator"));
        assertTrue(SetupSubcommand.bind(new AdministerGuild.BoundToAnotherTenant(new TenantId("other"))).contains("`other`"));
    }
}
