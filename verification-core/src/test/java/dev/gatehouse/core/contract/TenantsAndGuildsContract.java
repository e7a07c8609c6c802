package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.Tenants.TenantRemoval;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@code Tenants} and {@code Guilds}, with what deleting a tenant does to the other stores. */
public abstract class TenantsAndGuildsContract extends StoreContract {

    @Test
    void tenantSettingsComeBackExactlyAsSaved() {
        TenantSettings custom = TenantSettings.defaults(TENANT, "CS 101")
                .withSessionLifetime(Duration.ofMinutes(7))
                .withUnknownUserReply(UnknownUserReply.INVALID_USER_ID)
                .withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE)
                .withRateLimits(new RateLimits(List.of(RateRule.of(2, Duration.ofMinutes(5))),
                        List.of(RateRule.of(1, Duration.ofHours(1)), RateRule.of(4, Duration.ofDays(1))),
                        List.of(RateRule.of(50, Duration.ofHours(1))), Duration.ofHours(6)))
                .withDefaultLanguage(java.util.Locale.GERMAN)
                .withTimeZone(java.time.ZoneId.of("Europe/Berlin"));
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
    void identityProviderSettingsComeBackExactlyAsSaved() {
        TenantSettings oidc = TenantSettings.defaults(TENANT, "CS 101").withMethod(VerificationMethod.OIDC)
                .withOidc(OidcSettings.none().withIssuer(URI.create("https://login.example.edu/realms/cs"))
                        .withClientId("gatehouse-cs101").withSecret(new ClientSecret("s3cr3t-ünïcode"))
                        .withScopes(List.of("openid", "email")).withUserClaim("email")
                        .withAuthority(DirectoryAuthority.PROVIDER).withGroupsClaim("roles"));
        stores.tenants().save(oidc);
        assertEquals(Optional.of(oidc), stores.tenants().find(TENANT));
        assertEquals(List.of(oidc), stores.tenants().all());

        TenantSettings withProblem = oidc.withOidc(oidc.oidc().withLoginProblem("no claim \"email\"; it sent: sub"));
        stores.tenants().save(withProblem);
        assertEquals(Optional.of(withProblem), stores.tenants().find(TENANT));
        TenantSettings backToEmail = withProblem.withMethod(VerificationMethod.EMAIL_LINK);
        stores.tenants().save(backToEmail);
        assertEquals(Optional.of(backToEmail), stores.tenants().find(TENANT), "the provider settings are kept for a switch back");
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
                .withRemoveUnverified(UnverifiedRemoval.after(Duration.ofHours(36)))
                .withQuestion(Optional.of(new VerificationQuestion("This server's code?", List.of("SECRET123", "secret 123"))));
        stores.guilds().save(settings);
        assertEquals(Optional.of(settings), stores.guilds().find(new GuildId(42)));

        GuildSettings back = settings.withEnabled(true).withVerifyOnJoin(false).withKickPolicy(KickPolicy.never())
                .withRemoveUnverified(UnverifiedRemoval.never())
                .withQuestion(Optional.empty());
        stores.guilds().save(back);
        assertEquals(Optional.of(back), stores.guilds().find(new GuildId(42)));
        assertEquals(List.of(back), stores.guilds().ofTenant(TENANT));
    }

    @Test
    void auditEntriesRecordedTogetherComeBackNewestFirstLikeSingleOnes() {
        createTenants();
        stores.audit().record(new AuditEntry(TENANT, "one", "first", T0));
        stores.transactions().inTransaction(() -> {
            stores.audit().recordAll(List.of(new AuditEntry(TENANT, "two", "second", T0.plusSeconds(1)),
                    new AuditEntry(OTHER_TENANT, "elsewhere", "other", T0.plusSeconds(1)),
                    new AuditEntry(TENANT, "three", "third", T0.plusSeconds(2))));
            return null;
        });
        stores.audit().recordAll(List.of());

        assertEquals(List.of("three", "two", "one"), stores.audit().recent(TENANT, 10).stream().map(AuditEntry::action).toList());
        assertEquals(T0.plusSeconds(2), stores.audit().recent(TENANT, 1).get(0).at());
        assertEquals(1, stores.audit().recent(OTHER_TENANT, 10).size());
    }

    @Test
    void groupRolesComeBackAsSavedAndCanBeUnmapped() {
        createTenants();
        GuildSettings settings = GuildSettings.boundTo(new GuildId(43), TENANT).withVerifiedRole(new RoleId(1))
                .withGroupRole(new GroupName("Staff"), new RoleId(2)).withGroupRole(new GroupName("student"), new RoleId(3));
        stores.guilds().save(settings);
        assertEquals(Optional.of(settings), stores.guilds().find(new GuildId(43)));
        assertEquals(new RoleId(2), stores.guilds().find(new GuildId(43)).orElseThrow().groupRoles().get(new GroupName("staff")));

        GuildSettings fewer = settings.withoutGroupRole(new GroupName("staff"));
        stores.guilds().save(fewer);
        assertEquals(List.of(fewer), stores.guilds().ofTenant(TENANT));
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
    void aTenantsVerificationLifetimeAndReminderComeBackAsSavedAndDefaultToForever() {
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        TenantSettings saved = stores.tenants().find(TENANT).orElseThrow();
        assertEquals(new dev.gatehouse.core.model.VerificationLifetime.Forever(), saved.verificationLifetime());
        assertEquals(Duration.ofDays(7), saved.reminderBefore());

        for (dev.gatehouse.core.model.VerificationLifetime lifetime : List.of(
                new dev.gatehouse.core.model.VerificationLifetime.Lasting(Duration.ofMinutes(1)),
                new dev.gatehouse.core.model.VerificationLifetime.Lasting(Duration.ofDays(365)),
                new dev.gatehouse.core.model.VerificationLifetime.UntilAnnually(java.time.MonthDay.of(6, 30)))) {
            TenantSettings changed = TenantSettings.defaults(TENANT, "CS 101").withReverification(lifetime, Duration.ofSeconds(30));
            stores.tenants().save(changed);
            assertEquals(Optional.of(changed), stores.tenants().find(TENANT));
        }
    }

    @Test
    void aTenantsRetentionComesBackAsSavedAndDefaultsToThirtyDays() {
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        assertEquals(Duration.ofDays(30), stores.tenants().find(TENANT).orElseThrow().retention());

        TenantSettings shorter = TenantSettings.defaults(TENANT, "CS 101").withRetention(Duration.ofDays(7));
        stores.tenants().save(shorter);
        assertEquals(Optional.of(shorter), stores.tenants().find(TENANT));
    }

    @Test
    void aRemovedGuildIsNoLongerFoundNorListedAndItsTenantKeepsTheOthers() {
        createTenants();
        GuildSettings removed = GuildSettings.boundTo(new GuildId(42), TENANT).withVerifiedRole(new RoleId(7));
        GuildSettings kept = GuildSettings.boundTo(new GuildId(43), TENANT);
        stores.guilds().save(removed);
        stores.guilds().save(kept);

        assertEquals(Optional.of(removed), stores.guilds().remove(new GuildId(42)));

        assertEquals(Optional.empty(), stores.guilds().find(new GuildId(42)));
        assertEquals(List.of(kept), stores.guilds().ofTenant(TENANT));
        assertEquals(Optional.of(kept), stores.guilds().find(new GuildId(43)));
        assertEquals(Optional.empty(), stores.guilds().remove(new GuildId(42)));
        assertEquals(Optional.empty(), stores.guilds().remove(new GuildId(44)));
    }

    @Test
    void aRemovedGuildCanBeBoundAgainToAnyTenant() {
        createTenants();
        stores.guilds().save(GuildSettings.boundTo(new GuildId(42), TENANT));
        stores.guilds().remove(new GuildId(42));

        GuildSettings again = GuildSettings.boundTo(new GuildId(42), OTHER_TENANT).withGateMessages(true);
        stores.guilds().save(again);

        assertEquals(Optional.of(again), stores.guilds().find(new GuildId(42)));
        assertEquals(List.of(), stores.guilds().ofTenant(TENANT));
        assertEquals(List.of(again), stores.guilds().ofTenant(OTHER_TENANT));
    }

    @Test
    void aGuildRemovalRolledBackWithItsTransactionKeepsTheBinding() {
        createTenants();
        GuildSettings settings = GuildSettings.boundTo(new GuildId(42), TENANT);
        stores.guilds().save(settings);

        assertThrows(IllegalStateException.class, () -> stores.transactions().inTransaction(() -> {
            stores.guilds().remove(new GuildId(42));
            throw new IllegalStateException("abandon");
        }));

        assertEquals(Optional.of(settings), stores.guilds().find(new GuildId(42)));
        assertEquals(List.of(settings), stores.guilds().ofTenant(TENANT));
    }

    @Test
    void deletingATenantRemovesItsDirectoryLinksSessionsHandoffsAndWrongAnswersAndKeepsItsAudit() {
        createTenants();
        Seeded doomed = seed(TENANT, 1000);
        Seeded other = seed(OTHER_TENANT, 1000);
        Held otherBefore = held(other);
        List<AuditEntry> auditBefore = stores.audit().recent(TENANT, 10);

        assertEquals(Optional.of(new TenantRemoval(2, 2)), stores.tenants().delete(TENANT));

        Held after = held(doomed);
        assertEquals(Optional.empty(), after.settings());
        assertEquals(0, after.directoryUsers());
        assertEquals(List.of(Optional.empty(), Optional.empty()), after.users());
        assertEquals(List.of(), after.links());
        assertEquals(List.of(Optional.empty(), Optional.empty()), after.linksByDirectoryUser());
        assertTrue(eventually(() -> held(doomed).members().equals(List.of(MemberStatus.UNVERIFIED, MemberStatus.UNVERIFIED))));
        assertEquals(List.of(Optional.empty(), Optional.empty()), after.sessions());
        assertEquals(List.of(Optional.empty()), after.handoffs());
        assertEquals(List.of(), after.wrongAnswers());
        assertEquals(auditBefore, after.audit());
        assertEquals(2, auditBefore.size());
        assertEquals(otherBefore, held(other));
        assertEquals(List.of(OTHER_TENANT), stores.tenants().all().stream().map(TenantSettings::id).toList());
    }

    @Test
    void aTenantWithABoundServerIsNotDeletedAndKeepsEverything() {
        createTenants();
        Seeded seeded = seed(TENANT, 1000);
        GuildSettings bound = GuildSettings.boundTo(new GuildId(42), TENANT);
        stores.guilds().save(bound);
        Held before = held(seeded);

        assertThrows(IllegalStateException.class, () -> stores.tenants().delete(TENANT));

        assertEquals(before, held(seeded));
        assertEquals(List.of(MemberStatus.VERIFIED, MemberStatus.VERIFIED), before.members());
        assertEquals(Optional.of(bound), stores.guilds().find(new GuildId(42)));
    }

    @Test
    void aTenantWhoseServersWereRemovedCanBeDeleted() {
        createTenants();
        stores.guilds().save(GuildSettings.boundTo(new GuildId(42), TENANT));
        stores.guilds().remove(new GuildId(42));

        assertEquals(Optional.of(new TenantRemoval(0, 0)), stores.tenants().delete(TENANT));
        assertEquals(Optional.empty(), stores.tenants().find(TENANT));
    }

    @Test
    void deletingATenantThatDoesNotExistFindsNothingAndChangesNothing() {
        createTenants();
        Seeded seeded = seed(TENANT, 1000);
        Held before = held(seeded);

        assertEquals(Optional.empty(), stores.tenants().delete(new TenantId("nobody")));

        assertEquals(before, held(seeded));
        assertEquals(2, stores.tenants().all().size());
    }

    @Test
    void aTenantDeletionRolledBackWithItsTransactionRestoresEverything() {
        createTenants();
        Seeded seeded = seed(TENANT, 1000);
        Held before = held(seeded);

        RuntimeException abandoned = assertThrows(RuntimeException.class, () -> stores.transactions().inTransaction(() -> {
            assertEquals(Optional.of(new TenantRemoval(2, 2)), stores.tenants().delete(TENANT));
            throw new IllegalArgumentException("abandon");
        }));

        assertInstanceOf(IllegalArgumentException.class, abandoned);
        assertEquals(before, held(seeded));
        assertEquals(List.of(MemberStatus.VERIFIED, MemberStatus.VERIFIED), held(seeded).members());
    }

    @Test
    void aTenantCreatedAgainUnderTheSameIdStartsEmptyAndItsOldMembersCanLinkAgain() {
        createTenants();
        Seeded old = seed(TENANT, 1000);
        stores.tenants().delete(TENANT);
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101 again"));

        Held fresh = held(old);
        assertEquals("CS 101 again", fresh.settings().orElseThrow().displayName());
        assertEquals(0, fresh.directoryUsers());
        assertEquals(List.of(), fresh.links());
        assertTrue(eventually(() -> held(old).members().equals(List.of(MemberStatus.UNVERIFIED, MemberStatus.UNVERIFIED))));

        DiscordUserId returning = old.members().get(0);
        stores.directory().save(user(TENANT, "jdoe42", "Jane Doe"));
        stores.transactions().inTransaction(() -> stores.links().insert(
                new Link(TENANT, returning, new DirectoryUserId("jdoe42"), T0.plusSeconds(60), LinkOrigin.EMAIL)));

        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, returning) == MemberStatus.VERIFIED));
        assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(TENANT, old.members().get(1)));
        assertNotEquals(Optional.empty(), stores.links().findByDiscordUser(TENANT, returning));
    }

    /** What {@link #seed} wrote for one tenant, to look it up again. */
    private record Seeded(TenantId tenant, List<DirectoryUserId> users, List<DiscordUserId> members, List<TokenHash> sessions,
            List<TokenHash> handoffs) {
    }

    /** Everything the ports show of a seeded tenant. */
    private record Held(Optional<TenantSettings> settings, long directoryUsers, List<Optional<DirectoryUser>> users, List<Link> links,
            List<Optional<Link>> linksByDirectoryUser, List<MemberStatus> members, List<Optional<VerificationSession>> sessions,
            List<Optional<HandoffRequest>> handoffs, List<WrongAnswerGroup> wrongAnswers, List<AuditEntry> audit) {
    }

    /** Two directory users, both linked, a session each, a hand-off, a wrong answer and two audit entries. */
    private Seeded seed(TenantId tenant, long firstMember) {
        List<DirectoryUserId> users = List.of(new DirectoryUserId("jdoe42"), new DirectoryUserId("asmith"));
        List<DiscordUserId> members = List.of(new DiscordUserId(firstMember), new DiscordUserId(firstMember + 1));
        for (int i = 0; i < 2; i++) {
            stores.directory().save(user(tenant, users.get(i).value(), "User " + i));
            Link link = new Link(tenant, members.get(i), users.get(i), T0.plusSeconds(i), LinkOrigin.EMAIL);
            stores.transactions().inTransaction(() -> stores.links().insert(link));
        }
        VerificationSession first = pendingSession(tenant, firstMember, "jdoe42", T0);
        VerificationSession second = pendingSession(tenant, firstMember + 1, "asmith", T0);
        stores.sessions().startReplacingPending(first);
        stores.sessions().startReplacingPending(second);
        HandoffRequest handoff = new HandoffRequest(tenant, new GuildId(111), "CS 101 Office Hours",
                new DiscordAccount(new DiscordUserId(firstMember + 2), "newcomer"), randomHash(), T0, T0.plus(Duration.ofMinutes(30)),
                SessionState.PENDING);
        stores.handoffs().startReplacingPending(handoff);
        stores.wrongAnswers().record(new WrongAnswer(tenant, new GuildId(111), new DiscordUserId(firstMember + 2), "Forty One", T0));
        stores.audit().record(new AuditEntry(tenant, "guild.bound", "bound", T0));
        stores.audit().record(new AuditEntry(tenant, "member.linked", "linked", T0.plusSeconds(1)));
        return new Seeded(tenant, users, members, List.of(first.tokenHash(), second.tokenHash()), List.of(handoff.jtiHash()));
    }

    private Held held(Seeded s) {
        TenantId t = s.tenant();
        return new Held(stores.tenants().find(t), stores.directory().count(t),
                s.users().stream().map(u -> stores.directory().find(t, u)).toList(),
                stores.links().list(t, 0, 100),
                s.users().stream().map(u -> stores.links().findByDirectoryUser(t, u)).toList(),
                s.members().stream().map(m -> stores.membershipIndex().statusOf(t, m)).toList(),
                s.sessions().stream().map(h -> stores.sessions().findByTokenHash(h)).toList(),
                s.handoffs().stream().map(h -> stores.handoffs().find(h)).toList(),
                stores.wrongAnswers().top(t, 10),
                stores.audit().recent(t, 10));
    }
}
