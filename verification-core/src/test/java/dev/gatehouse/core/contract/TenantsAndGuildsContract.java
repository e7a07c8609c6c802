package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@code Tenants} and {@code Guilds}. */
public abstract class TenantsAndGuildsContract extends StoreContract {

    @Test
    void tenantSettingsComeBackExactlyAsSaved() {
        TenantSettings custom = TenantSettings.defaults(TENANT, "CS 101")
                .withSessionLifetime(Duration.ofMinutes(7))
                .withUnknownUserReply(UnknownUserReply.INVALID_USER_ID)
                .withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE)
                .withRateLimits(new RateLimits(List.of(RateRule.of(2, Duration.ofMinutes(5))),
                        List.of(RateRule.of(1, Duration.ofHours(1)), RateRule.of(4, Duration.ofDays(1))),
                        List.of(RateRule.of(50, Duration.ofHours(1))), Duration.ofHours(6)));
        stores.tenants().save(custom);

        assertEquals(Optional.of(custom), stores.tenants().find(TENANT));
        assertEquals(Optional.empty(), stores.tenants().find(new TenantId("nobody")));
    }

    @Test
    void handoffAndQuestionSettingsComeBackExactlyAsSaved() {
        TenantSettings handoff = TenantSettings.defaults(TENANT, "CS 101")
                .withMethod(VerificationMethod.SITE_HANDOFF)
                .withHandoff(HandoffSettings.none().withSiteUrl(URI.create("https://members.example.org/verify?from=discord"))
                        .withSecret(new HandoffSecret("a-secret-of-at-least-32-characters-ünïcode"))
                        .withLifetime(Duration.ofMinutes(20)))
                .withQuestion(Optional.of(new VerificationQuestion("What is the meaning of life?", List.of("42", "forty-two", "Forty Two"))));
        stores.tenants().save(handoff);
        assertEquals(Optional.of(handoff), stores.tenants().find(TENANT));

        TenantSettings halfConfigured = handoff.withHandoff(new HandoffSettings(Optional.empty(),
                Optional.of(new HandoffSecret("x".repeat(32))), Duration.ofMinutes(30)))
                .withQuestion(Optional.of(new VerificationQuestion("Your code?", List.of())));
        stores.tenants().save(halfConfigured);
        assertEquals(Optional.of(halfConfigured), stores.tenants().find(TENANT));
    }

    @Test
    void savingATenantAgainReplacesItsSettings() {
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101 (Spring)"));

        assertEquals("CS 101 (Spring)", stores.tenants().find(TENANT).orElseThrow().displayName());
        assertEquals(1, stores.tenants().all().size());
    }

    @Test
    void guildSettingsComeBackAsSavedAndCanBeChanged() {
        createTenants();
        GuildSettings settings = GuildSettings.boundTo(new GuildId(42), TENANT)
                .withVerifiedRole(new RoleId(7)).withGateMessages(true).withDmOnJoin(true)
                .withLogChannel(Optional.of(new ChannelId(9)));
        stores.guilds().save(settings);
        assertEquals(Optional.of(settings), stores.guilds().find(new GuildId(42)));

        GuildSettings changed = settings.withGateMessages(false).withSetNickname(false).withLogChannel(Optional.empty());
        stores.guilds().save(changed);
        assertEquals(Optional.of(changed), stores.guilds().find(new GuildId(42)));
        assertEquals(Optional.empty(), stores.guilds().find(new GuildId(43)));
    }

    @Test
    void guildSwitchesAndOwnQuestionComeBackAsSaved() {
        createTenants();
        GuildSettings settings = GuildSettings.boundTo(new GuildId(42), TENANT)
                .withEnabled(false).withVerifyOnJoin(true).withKickPolicy(KickPolicy.after(5))
                .withQuestion(Optional.of(new VerificationQuestion("This server's code?", List.of("SECRET123", "secret 123"))));
        stores.guilds().save(settings);
        assertEquals(Optional.of(settings), stores.guilds().find(new GuildId(42)));

        GuildSettings back = settings.withEnabled(true).withVerifyOnJoin(false).withKickPolicy(KickPolicy.never())
                .withQuestion(Optional.empty());
        stores.guilds().save(back);
        assertEquals(Optional.of(back), stores.guilds().find(new GuildId(42)));
        assertEquals(List.of(back), stores.guilds().ofTenant(TENANT));
    }

    @Test
    void guildsOfATenantAreListedInIdOrderAndKeptApartFromOtherTenants() {
        createTenants();
        stores.guilds().save(GuildSettings.boundTo(new GuildId(300), TENANT));
        stores.guilds().save(GuildSettings.boundTo(new GuildId(100), TENANT));
        stores.guilds().save(GuildSettings.boundTo(new GuildId(200), OTHER_TENANT));

        assertEquals(List.of(new GuildId(100), new GuildId(300)),
                stores.guilds().ofTenant(TENANT).stream().map(GuildSettings::guild).toList());
        assertEquals(List.of(new GuildId(200)), stores.guilds().ofTenant(OTHER_TENANT).stream().map(GuildSettings::guild).toList());
    }

    @Test
    void aGuildCanOnlyBeBoundToAnExistingTenant() {
        assertThrows(RuntimeException.class, () -> stores.guilds().save(GuildSettings.boundTo(new GuildId(1), TENANT)));
        assertTrue(stores.guilds().find(new GuildId(1)).isEmpty());
    }

    @Test
    void aTenantsRetentionComesBackAsSavedAndDefaultsToThirtyDays() {
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        assertEquals(Duration.ofDays(30), stores.tenants().find(TENANT).orElseThrow().retention());

        TenantSettings shorter = TenantSettings.defaults(TENANT, "CS 101").withRetention(Duration.ofDays(7));
        stores.tenants().save(shorter);
        assertEquals(Optional.of(shorter), stores.tenants().find(TENANT));
    }
}
