package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.SetupWarning;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse status. */
class StatusSubcommandTest {
    @Test
    void statusListsSettingsAndEveryWarningOnce() {
        GuildSettings settings = GuildSettings.boundTo(new GuildId(7), TENANT);
        String noRole = "No verified role is set: verified members get no role.";
        AdministerGuild.GuildStatus status = new AdministerGuild.GuildStatus(settings, TenantSettings.defaults(TENANT, "CS 101"),
                3, 120, List.of(new SetupWarning.NoVerifiedRole()));
        String reply = StatusSubcommand.reply(status, List.of(new SetupCheck.FromCore(new SetupWarning.NoVerifiedRole()),
                new SetupCheck.MissingPermission(SetupCheck.Permission.MANAGE_ROLES)));
        assertTrue(reply.contains("CS 101"), reply);
        assertTrue(reply.contains("**Verified members (whole tenant):** 3"), reply);
        assertEquals(reply.indexOf(noRole), reply.lastIndexOf(noRole), "once");
        assertTrue(reply.contains("Manage Roles"), reply);
        assertTrue(StatusSubcommand.reply(new GuildNotSetUp(), List.of()).contains("/gatehouse setup"));
    }

    @Test
    void statusNamesTheQuestionInForceWithItsSourceAndTheMethod() {
        VerificationQuestion tenantQuestion = new VerificationQuestion("Tenant question?", List.of("yes"));
        TenantSettings tenant = TenantSettings.defaults(TENANT, "CS 101").withQuestion(Optional.of(tenantQuestion));
        GuildSettings plain = GuildSettings.boundTo(new GuildId(7), TENANT).withKickPolicy(KickPolicy.after(4));
        String inherited = StatusSubcommand.reply(new AdministerGuild.GuildStatus(plain, tenant, 0, 1, List.of()), List.of());
        assertTrue(inherited.contains("\"Tenant question?\" (the tenant's, 1 accepted answer)"), inherited);
        assertTrue(inherited.contains("**Kick after wrong answers:** after 4 within 24 hours"), inherited);
        assertTrue(inherited.contains("**Verification:** on") && inherited.contains("**Method:** an emailed link"), inherited);

        GuildSettings own = plain.withQuestion(Optional.of(new VerificationQuestion("Server question?", List.of("a", "b"))));
        String overridden = StatusSubcommand.reply(new AdministerGuild.GuildStatus(own, tenant, 0, 1, List.of()), List.of());
        assertTrue(overridden.contains("\"Server question?\" (this server's own, 2 accepted answers)"), overridden);
        String none = StatusSubcommand.reply(new AdministerGuild.GuildStatus(plain, TenantSettings.defaults(TENANT, "CS 101"), 0, 1, List.of()),
                List.of());
        assertTrue(none.contains("**Question:** none"), none);
    }
}
