package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.RequestVerification.Limit;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RepliesTest {
    private static final TenantId TENANT = new TenantId("cs101");
    private static final DiscordUserId MEMBER = new DiscordUserId(42);
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Link LINK = new Link(TENANT, MEMBER, new DirectoryUserId("jdoe"), NOW, LinkOrigin.EMAIL);
    private static final DirectoryUser JANE = new DirectoryUser(TENANT, new DirectoryUserId("jdoe"),
            new EmailAddress("jane@uni.edu"), new DisplayName("Jane *Doe*"));

    private static RequestVerification.LinkSent linkSent(Optional<String> masked) {
        return new RequestVerification.LinkSent(new DirectoryUserId("jdoe"), masked, NOW.plus(Duration.ofMinutes(15)),
                Duration.ofMinutes(15), CompletableFuture.completedFuture(MailDelivery.SENT));
    }

    @Test
    void aMaskedAddressIsNamedWithTheExpiry() {
        String reply = VerifyCommand.reply(linkSent(Optional.of("j•••@u•••.edu")));
        assertTrue(reply.contains("j•••@u•••.edu"), reply);
        assertTrue(reply.contains("expires in 15 minutes"), reply);
    }

    @Test
    void withoutAMaskedAddressTheReplyDoesNotSayWhetherTheIdExists() {
        String reply = VerifyCommand.reply(linkSent(Optional.empty()));
        assertTrue(reply.startsWith("If that id is in the directory"), reply);
        assertTrue(reply.contains("expires in 15 minutes"), reply);
        assertFalse(reply.contains("@"), reply);
    }

    @Test
    void aFailedMailAsksToTryAgainAndOtherOutcomesChangeNothing() {
        assertTrue(VerifyCommand.delivery(MailDelivery.FAILED).orElseThrow().contains("couldn't be sent"));
        assertTrue(VerifyCommand.delivery(MailDelivery.FAILED).orElseThrow().contains("/verify"));
        assertEquals(Optional.empty(), VerifyCommand.delivery(MailDelivery.SENT));
        assertEquals(Optional.empty(), VerifyCommand.delivery(MailDelivery.NONE));
    }

    @Test
    void everyRequestOutcomeHasItsOwnWords() {
        assertTrue(VerifyCommand.reply(new RequestVerification.AlreadyVerified(LINK)).contains("already verified"));
        assertTrue(VerifyCommand.reply(new GuildNotSetUp()).contains("isn't set up"));
        assertTrue(VerifyCommand.reply(new InvalidUserId("user id must not contain spaces")).contains("must not contain spaces"));
        assertTrue(VerifyCommand.reply(new RequestVerification.UnknownUser(new DirectoryUserId("nobody"))).contains("`nobody`"));
        assertTrue(VerifyCommand.reply(new RequestVerification.DirectoryUserTaken(new DirectoryUserId("jdoe"))).contains("another Discord account"));
        assertTrue(VerifyCommand.reply(new RequestVerification.BlockedByDenial(Duration.ofHours(24))).contains("24 hours"));
        assertTrue(VerifyCommand.reply(new ServiceUnavailable()).contains("try again"));
    }

    @Test
    void rateLimitsSayHowLongToWaitInWholeMinutes() {
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.REQUESTER, Duration.ofSeconds(601)))
                .contains("Try again in 11 minutes"));
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.MAILBOX, Duration.ofSeconds(5)))
                .contains("Try again in 1 minute."));
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.TENANT, Duration.ofMinutes(30)))
                .contains("too many verification requests"));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("1 minute", CommonReplies.inWords(Duration.ZERO));
        assertEquals("15 minutes", CommonReplies.inWords(Duration.ofMinutes(15)));
        assertEquals("119 minutes", CommonReplies.inWords(Duration.ofMinutes(119)));
        assertEquals("2 hours", CommonReplies.inWords(Duration.ofMinutes(120)));
        assertEquals("3 hours", CommonReplies.inWords(Duration.ofMinutes(121)));
    }

    @Test
    void directoryTextCannotFormatTheMessage() {
        String reply = WhoisSubcommand.reply(new AdministerGuild.LinkedTo(LINK, Optional.of(JANE)), MEMBER);
        assertTrue(reply.contains("Jane \\*Doe\\*"), reply);
        assertTrue(reply.contains("<@42>"), reply);
        assertEquals("a\\_b \\`c\\` \\> d", Markdown.escape("a_b `c` > d"));
    }

    @Test
    void statusListsSettingsAndEveryWarningOnce() {
        GuildSettings settings = GuildSettings.boundTo(new GuildId(7), TENANT);
        String noRole = "No verified role is set: verified members get no role.";
        AdministerGuild.GuildStatus status = new AdministerGuild.GuildStatus(settings, TenantSettings.defaults(TENANT, "CS 101"),
                3, 120, List.of(noRole));
        String reply = StatusSubcommand.reply(status, List.of(noRole, "I don't have the **Manage Roles** permission."));
        assertTrue(reply.contains("CS 101"), reply);
        assertTrue(reply.contains("**Verified members (whole tenant):** 3"), reply);
        assertEquals(reply.indexOf(noRole), reply.lastIndexOf(noRole), "once");
        assertTrue(reply.contains("Manage Roles"), reply);
        assertTrue(StatusSubcommand.reply(new GuildNotSetUp(), List.of()).contains("/gatehouse setup"));
    }

    @Test
    void setupShowsTheRoleAsAMentionAndTheWarnings() {
        GuildSettings settings = GuildSettings.boundTo(new GuildId(7), TENANT).withVerifiedRole(new RoleId(99)).withGateMessages(true);
        String reply = SetupSubcommand.done(settings, List.of("warning one"));
        assertTrue(reply.contains("<@&99>") && reply.contains("unverified members:** on") && reply.contains("warning one"), reply);
    }

    @Test
    void adminLinkOutcomes() {
        assertTrue(LinkSubcommand.reply(new AdministerGuild.Linked(LINK, JANE), MEMBER).contains("now verified"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.NoSuchUser("ghost"), MEMBER).contains("`ghost`"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.MemberAlreadyLinked(LINK), MEMBER).contains("Unlink them first"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.UserAlreadyLinked(LINK), new DiscordUserId(43)).contains("<@42>"));
        assertTrue(UnlinkSubcommand.reply(new AdministerGuild.Unlinked(LINK), MEMBER).contains("no longer verified"));
        assertTrue(UnlinkSubcommand.reply(new AdministerGuild.NotLinked(MEMBER), MEMBER).contains("not verified"));
        assertTrue(UnverifyCommand.reply(new AdministerGuild.Unlinked(LINK)).contains("no longer verified"));
        assertTrue(UnverifyCommand.reply(new AdministerGuild.NotLinked(MEMBER)).contains("nothing to remove"));
    }

    @Test
    void bindRefusalsExplainWhoCanBind() {
        assertTrue(SetupSubcommand.bind(new AdministerGuild.TenantNotFound(TENANT)).contains("no tenant `cs101`"));
        assertTrue(SetupSubcommand.bind(new AdministerGuild.BindingNotAllowed(TENANT)).contains("only its operator"));
        assertTrue(SetupSubcommand.bind(new AdministerGuild.BoundToAnotherTenant(new TenantId("other"))).contains("`other`"));
    }

    @Test
    void membersArePagedWithAHintForTheNextPage() {
        AdministerGuild.MemberPage page = new AdministerGuild.MemberPage(
                List.of(new AdministerGuild.Member(LINK, Optional.of(JANE))), 0, 1, 3);
        String reply = MembersSubcommand.reply(page);
        assertTrue(reply.contains("page 1 of 3"), reply);
        assertTrue(reply.contains("/gatehouse members page:2"), reply);
        assertTrue(MembersSubcommand.reply(new AdministerGuild.MemberPage(List.of(), 0, 10, 0)).contains("Nobody"));
    }

    @Test
    void repliesStayWithinDiscordsLengthLimit() {
        List<AdministerGuild.Member> many = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new AdministerGuild.Member(new Link(TENANT, new DiscordUserId(1000 + i),
                        new DirectoryUserId("user" + "x".repeat(100) + i), NOW, LinkOrigin.IMPORT),
                        Optional.<DirectoryUser>empty()))
                .toList();
        assertTrue(MembersSubcommand.reply(new AdministerGuild.MemberPage(many, 0, 100, 100)).length() <= CommonReplies.MAX_LENGTH);
    }

    @Test
    void logNoticesNameTheAccountsAndTheDirectoryUser() {
        VerificationSession session = new VerificationSession(SessionId.random(), TENANT, new GuildId(7), "CS 101",
                new DiscordAccount(MEMBER, "eve_*"), new DirectoryUserId("jdoe"), new TokenHash("0".repeat(64)), NOW,
                NOW.plus(Duration.ofMinutes(15)), SessionState.DENIED);
        Instant until = NOW.plus(Duration.ofDays(1));
        String denied = LogNotices.deniedNotice(new VerificationDenied(session, until, NOW));
        assertTrue(denied.contains("<@42>") && denied.contains("id `42`") && denied.contains("eve\\_\\*")
                && denied.contains("`jdoe`") && denied.contains("until <t:" + until.getEpochSecond() + ":f>"), denied);
        assertFalse(LogNotices.deniedNotice(new VerificationDenied(session, NOW, NOW)).contains("until"), "no block, no date");

        assertTrue(LogNotices.verifiedNotice(new MemberVerified(LINK, new GuildId(7), NOW)).contains("confirmed by email"));
        assertTrue(LogNotices.unlinkedNotice(new MemberUnlinked(LINK, MEMBER, NOW)).contains("removed their verification as `jdoe`"));
        String byAdmin = LogNotices.unlinkedNotice(new MemberUnlinked(LINK, new DiscordUserId(43), NOW));
        assertTrue(byAdmin.contains("no longer verified as `jdoe`") && byAdmin.contains("unlinked by <@43>"), byAdmin);
    }

    @Test
    void wrongAnswersSayWhetherAndWhenTheServerKicks() {
        String twoLeft = VerifyCommand.reply(new RequestVerification.IncorrectAnswer(1, OptionalInt.of(3)));
        assertTrue(twoLeft.contains("not the right answer") && twoLeft.contains("2 tries left"), twoLeft);
        assertTrue(VerifyCommand.reply(new RequestVerification.IncorrectAnswer(2, OptionalInt.of(3))).contains("One more wrong answer"));
        String noKick = VerifyCommand.reply(new RequestVerification.IncorrectAnswer(7, OptionalInt.empty()));
        assertTrue(noKick.contains("not the right answer") && !noKick.contains("removed"), noKick);
        assertTrue(VerifyCommand.reply(new RequestVerification.KickForWrongAnswers(3)).contains("removed from the server"));
    }

    @Test
    void membersGetAGeneralApologyWhileAdminsGetTheProblems() {
        String member = VerifyCommand.reply(new RequestVerification.SetupIncomplete(List.of("no signing secret is configured")));
        assertTrue(member.contains("isn't fully set up") && !member.contains("secret"), member);
        assertTrue(VerifyFlow.setupIncompleteNotice(List.of("no signing secret is configured")).contains("no signing secret"));
        assertTrue(VerifyCommand.reply(new RequestVerification.VerificationOff()).contains("switched off"));
    }

    @Test
    void theHandoffReplyNamesTheExpiryButNotTheLink() {
        RequestVerification.HandoffReady ready = new RequestVerification.HandoffReady(
                java.net.URI.create("https://site.example/v?jwt=secret.token"), NOW.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30));
        String reply = VerifyCommand.reply(ready);
        assertTrue(reply.contains("30 minutes") && !reply.contains("jwt"), reply);
        assertTrue(VerifyCommand.handoffLinkInline(ready).contains("(<https://site.example/v?jwt=secret.token>)"));
    }

    @Test
    void formTitlesAndLabelsFitDiscordsFortyFiveCharacters() {
        String title = VerifyCommand.formTitle("The Extremely Long Name Of A Very Large Study Server");
        assertEquals(45, title.length());
        assertTrue(title.startsWith("Verify in The Extremely") && title.endsWith("…"), title);
        assertEquals("Verify in CS 101", VerifyCommand.formTitle("CS 101"));
        assertTrue(VerifyCommand.userIdLabel().length() <= 45);
    }

    @Test
    void theWrongAnswerListStaysWithinTheLimitAndSaysWhatWasLeftOut() {
        List<WrongAnswerGroup> groups = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> new WrongAnswerGroup("x" + i, 30 - i, 1, java.util.stream.IntStream.range(0, 5)
                        .mapToObj(j -> "spelling " + j + " " + "y".repeat(90)).toList(), NOW, NOW))
                .toList();
        String list = AnswersSubcommand.reply(new ReviewWrongAnswers.WrongAnswerReport(TENANT, groups));
        assertTrue(list.length() <= CommonReplies.MAX_LENGTH, "length " + list.length());
        assertTrue(list.contains("**1.** 30 attempts by 1 member") && list.contains("more: ask for fewer with `limit`"), list);
        assertTrue(AnswersSubcommand.reply(new ReviewWrongAnswers.WrongAnswerReport(TENANT, List.of())).contains("No wrong answers"));
    }

    @Test
    void memberTypedTextCanNeitherFormatNorLookLikeAMention() {
        String shown = Markdown.untrusted("@here [click](https://evil.example) <@&123456789012345678> # big");
        assertFalse(shown.contains("@here") || shown.contains("[click]("), shown);
        assertTrue(shown.contains("@\u200Bhere") && shown.contains("\\[click\\]\\(") && shown.contains("\\<@\u200B&123456789012345678")
                && shown.contains("\\# big"), shown);
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
