package dev.gatehouse.discord;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.BindingNotAllowed;
import dev.gatehouse.core.port.in.AdministerGuild.BoundToAnotherTenant;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.AdministerGuild.LinkedTo;
import dev.gatehouse.core.port.in.AdministerGuild.MemberAlreadyLinked;
import dev.gatehouse.core.port.in.AdministerGuild.MemberPage;
import dev.gatehouse.core.port.in.AdministerGuild.NoSuchUser;
import dev.gatehouse.core.port.in.AdministerGuild.NotLinked;
import dev.gatehouse.core.port.in.AdministerGuild.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerGuild.Unlinked;
import dev.gatehouse.core.port.in.AdministerGuild.UserAlreadyLinked;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.BlockedByDenial;
import dev.gatehouse.core.port.in.RequestVerification.DetailsNeeded;
import dev.gatehouse.core.port.in.RequestVerification.DirectoryUserTaken;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.IncorrectAnswer;
import dev.gatehouse.core.port.in.RequestVerification.KickForWrongAnswers;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RateLimited;
import dev.gatehouse.core.port.in.RequestVerification.SetupIncomplete;
import dev.gatehouse.core.port.in.RequestVerification.UnknownUser;
import dev.gatehouse.core.port.in.RequestVerification.VerificationOff;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswerReport;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswersCleared;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What members and admins read: the core's results turned into Discord message text. Pure functions, no
 * Javacord; user-supplied and directory text is escaped so it can't format or mention.
 */
final class Replies {
    /** Discord's message length limit. */
    static final int MAX_LENGTH = 2000;

    static final String SERVICE_UNAVAILABLE =
            "Verification is unavailable right now. Nothing was changed; please try again in a few minutes.";
    static final String NOT_SET_UP =
            "This server isn't set up for verification yet. A server admin can run `/gatehouse setup`.";
    /** Discord's limit for a modal title and a text input label. */
    static final int MAX_TITLE_LENGTH = 45;

    static final String VERIFY_BUTTON = "Verify";
    static final String TRY_AGAIN = "Try again";
    static final String CONTINUE_TO_SITE = "Continue verification";

    private static final Pattern MENTION = Pattern.compile("@(everyone|here|[!&]?[0-9]{17,20})");

    private Replies() {
    }

    // ---- /verify ---------------------------------------------------------------------------------

    /** The reply to {@code /verify}, replacing the "thinking…" of the deferred answer. */
    static String verify(RequestVerification.RequestResult result) {
        if (result instanceof LinkSent sent) {
            String expiry = " The link expires in " + inWords(sent.lifetime()) + "; open it and press **Confirm**.";
            return sent.maskedAddress()
                    .map(masked -> "I've sent a verification link to " + escape(masked) + "." + expiry)
                    .orElse("If that id is in the directory, a verification link is on its way to the email address on file."
                            + expiry + " Nothing arriving? Check the spam folder, then the id.");
        }
        if (result instanceof AlreadyVerified) {
            return "You're already verified. If your role is missing, it's being added again now.";
        }
        if (result instanceof GuildNotSetUp) {
            return NOT_SET_UP;
        }
        if (result instanceof InvalidUserId invalid) {
            return "That doesn't look like a user id: " + escape(invalid.reason()) + ".";
        }
        if (result instanceof UnknownUser unknown) {
            return "There's no user `" + code(unknown.userId().value()) + "` in the directory. Check the id and try again.";
        }
        if (result instanceof DirectoryUserTaken) {
            return "That user id is already linked to another Discord account. If that's wrong, ask a server admin.";
        }
        if (result instanceof RateLimited limited) {
            String wait = " Try again in " + inWords(limited.retryAfter()) + ".";
            return switch (limited.limit()) {
                case REQUESTER -> "You've asked for several links in a short time." + wait;
                case MAILBOX -> "That address has been sent several links recently." + wait;
                case TENANT -> "There are too many verification requests right now." + wait;
            };
        }
        if (result instanceof BlockedByDenial blocked) {
            return "The owner of that address said your last request wasn't them. You can ask again in "
                    + inWords(blocked.retryAfter()) + ".";
        }
        if (result instanceof ServiceUnavailable) {
            return SERVICE_UNAVAILABLE;
        }
        if (result instanceof HandoffReady handoff) {
            return "Now finish on your organisation's site: press **" + CONTINUE_TO_SITE + "** below. The link is yours alone, "
                    + "works once, and expires in " + inWords(handoff.lifetime()) + ".";
        }
        if (result instanceof DetailsNeeded needed) {
            return "I need " + (needed.question().isPresent() && needed.userIdNeeded() ? "an answer and your user id"
                    : needed.question().isPresent() ? "an answer to a question" : "your user id")
                    + " first: press **" + VERIFY_BUTTON + "** to open the form.";
        }
        if (result instanceof IncorrectAnswer incorrect) {
            String tries = "";
            if (incorrect.kickAfter().isPresent()) {
                int left = Math.max(1, incorrect.kickAfter().getAsInt() - incorrect.wrongAnswers());
                tries = left == 1
                        ? " One more wrong answer and you'll be removed from the server."
                        : " You have " + left + " tries left before you're removed from the server.";
            }
            return "Sorry, that's not the right answer." + tries + " Press **" + TRY_AGAIN + "** when you're ready.";
        }
        if (result instanceof KickForWrongAnswers) {
            return "Sorry, that's not the right answer, and that was too many tries: you're being removed from the server. "
                    + "You can join again later and have another go.";
        }
        if (result instanceof VerificationOff) {
            return "Verification is switched off in the server right now. Ask a server admin if that seems wrong.";
        }
        if (result instanceof SetupIncomplete) {
            return "Sorry, verification isn't fully set up in the server yet, so I can't verify anyone right now. "
                    + "A server admin can see what's missing with `/gatehouse status`.";
        }
        throw new IllegalArgumentException("unhandled result " + result);
    }

    /** The hand-off link in the message text, when it is too long for a link button (Discord allows 512 characters). */
    static String handoffLinkInline(HandoffReady handoff) {
        return "\n[" + CONTINUE_TO_SITE + "](<" + handoff.link() + ">)";
    }

    /** The title of the verify form (the modal): names the server, within Discord's 45 characters. */
    static String verifyFormTitle(String serverName) {
        return fit("Verify in " + serverName.strip(), MAX_TITLE_LENGTH);
    }

    /** The label of the answer field: the question itself (the core keeps it within 45 characters). */
    static String answerLabel(String question) {
        return fit(question, MAX_TITLE_LENGTH);
    }

    static String userIdLabel() {
        return "Your user id in the directory";
    }

    static String notAMember(String serverName) {
        return "You're not a member of **" + escape(serverName) + "** any more, so you can't verify there.";
    }

    static String serverGone() {
        return "I'm no longer in that server, so I can't verify you there.";
    }

    /** For admins, in the log channel: the question was answered wrong too often, but the kick failed. */
    static String kickFailedNotice(DiscordUserId member, int wrongAnswers, String why) {
        return limit("⚠️ " + mention(member) + " (id `" + member + "`) answered the verification question wrong " + wrongAnswers
                + " times, but I couldn't kick them: " + why + ".");
    }

    /** For admins, in the log channel: members can't verify here until this is fixed. */
    static String setupIncompleteNotice(List<SetupWarning> problems) {
        StringBuilder text = new StringBuilder("⚠️ A member tried to verify, but verification isn't fully set up here:");
        problems.forEach(p -> text.append("\n• ").append(escape(warning(p))));
        return limit(text.append("\nSee `/gatehouse status`.").toString());
    }

    /** A second edit of the {@code /verify} reply once the mail relay answered, if the member must know. */
    static Optional<String> delivery(MailDelivery delivery) {
        return switch (delivery) {
            case FAILED -> Optional.of("Sorry, the email couldn't be sent, so that link won't work. "
                    + "Please run `/verify` again in a few minutes.");
            case SENT, NONE -> Optional.empty();
        };
    }

    /** When the mail outcome never arrived (the core failed unexpectedly). */
    static String deliveryUnknown() {
        return "Something went wrong while sending the email. If nothing arrives within a few minutes, run `/verify` again.";
    }

    static String onlyInTextChannels() {
        return "Please use Gatehouse commands in one of the server's text channels.";
    }

    // ---- /unverify --------------------------------------------------------------------------------

    static String unverifyPrompt() {
        return "This removes your verification: you lose the verified role (and the nickname Gatehouse set) in every "
                + "server of this organisation. Are you sure?";
    }

    static String unverifyButton() {
        return "Yes, unverify me";
    }

    static String unverify(AdministerGuild.UnlinkResult result) {
        if (result instanceof Unlinked) {
            return "Done: you're no longer verified. Your role is being removed; run `/verify` to verify again.";
        }
        if (result instanceof NotLinked) {
            return "You aren't verified here, so there's nothing to remove.";
        }
        return common(result);
    }

    // ---- /gatehouse --------------------------------------------------------------------------------

    static String notAllowed() {
        return "Only members with the **Manage Server** permission can use `/gatehouse`.";
    }

    static String setupNeedsTenant() {
        return "This server isn't bound to a tenant yet: run `/gatehouse setup tenant:<id>` with the id from your Gatehouse operator.";
    }

    static String invalidTenant(String reason) {
        return "That tenant id isn't valid: " + escape(reason) + ".";
    }

    static String logChannelConflict() {
        return "Choose a `log_channel` or `clear_log_channel:True`, not both. Nothing was changed.";
    }

    static String kickConflict() {
        return "`kick_after` sets when kicking happens, so it can't go with `kick_on_failure:False`. Nothing was changed.";
    }

    static String kickAfterOutOfRange() {
        return "`kick_after` takes 1 to " + KickPolicy.MAX_KICK_AFTER + " wrong answers. Nothing was changed.";
    }

    static String roleNotUsable(String roleName, String why) {
        return "I can't use **" + escape(roleName) + "** as the verified role: " + why + ".";
    }

    static String bind(AdministerGuild.BindResult result) {
        if (result instanceof AdministerGuild.Bound) {
            return "";
        }
        if (result instanceof TenantNotFound notFound) {
            return "There's no tenant `" + code(notFound.tenant().value()) + "`. Check the id with your Gatehouse operator.";
        }
        if (result instanceof BindingNotAllowed notAllowed) {
            return "Tenant `" + code(notAllowed.tenant().value()) + "` lets only its operator add servers. "
                    + "Ask them to bind this server.";
        }
        if (result instanceof BoundToAnotherTenant other) {
            return "This server is already bound to tenant `" + code(other.current().value())
                    + "`. Only the operator can move it (its members' links would be lost).";
        }
        return common(result);
    }

    /** A setup warning from the core, for admins. */
    static String warning(SetupWarning warning) {
        if (warning instanceof SetupWarning.VerificationOff w) {
            return "Verification is switched off in this server: /verify is refused and joiners aren't asked.";
        }
        if (warning instanceof SetupWarning.HandoffSiteMissing w) {
            return "The tenant verifies through its own site, but no site URL is configured.";
        }
        if (warning instanceof SetupWarning.HandoffSecretMissing w) {
            return "The tenant verifies through its own site, but no signing secret is configured.";
        }
        if (warning instanceof SetupWarning.HandoffSecretUnreadable w) {
            return "The tenant's hand-off secret can't be decrypted: " + w.problem();
        }
        if (warning instanceof SetupWarning.HandoffSignerMissing w) {
            return "This Gatehouse was built without a hand-off token signer.";
        }
        if (warning instanceof SetupWarning.QuestionWithoutAnswers w) {
            return "The question \"" + w.prompt() + "\" has no accepted answers, so nobody can pass it.";
        }
        if (warning instanceof SetupWarning.NoVerifiedRole w) {
            return "No verified role is set: verified members get no role.";
        }
        if (warning instanceof SetupWarning.EmptyDirectory w) {
            return "The tenant's directory is empty: nobody can verify until the operator imports it.";
        }
        if (warning instanceof SetupWarning.KickWithoutQuestion w) {
            return "Kicking after wrong answers is on, but no question is asked, so nobody is kicked.";
        }
        if (warning instanceof SetupWarning.KickAfterRateLimit w) {
            return "Members may try /verify only " + w.limit() + " times per " + w.window().toMinutes()
                    + " min, so their " + w.kickAfter() + "th wrong answer (the kick) comes only after a wait.";
        }
        if (warning instanceof SetupWarning.JoinHintAndVerifyOnJoin w) {
            return "Both the join hint and verify-on-join are on; joiners get the verify-on-join message only.";
        }
        if (warning instanceof SetupWarning.GateWithoutRole w) {
            return "Messages are gated but no role is set: members can't see that they are verified.";
        }
        return warning.toString();
    }

    /** The reply to a successful setup: the settings, then what still needs fixing. */
    static String setupDone(GuildSettings settings, List<String> warnings) {
        return limit("Gatehouse is set up here.\n" + settings(settings) + warningLines(warnings));
    }

    static String status(AdministerGuild.StatusResult result, List<String> discordWarnings) {
        if (result instanceof GuildStatus status) {
            List<String> warnings = new java.util.ArrayList<>(status.warnings().stream().map(Replies::warning).toList());
            discordWarnings.stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
            return limit("**Tenant:** " + escape(status.tenant().displayName()) + " (`" + code(status.tenant().id().value()) + "`)\n"
                    + settings(status.settings())
                    + "\n**Method:** " + method(status.tenant())
                    + "\n**Question:** " + questionInForce(status.settings(), status.tenant())
                    + "\n**Verified members (whole tenant):** " + status.linkedMembers()
                    + "\n**People in the directory:** " + status.directoryUsers()
                    + (warnings.isEmpty() ? "\n\nNo problems found." : warningLines(warnings)));
        }
        return common(result);
    }

    static String whois(AdministerGuild.WhoisResult result, DiscordUserId member) {
        if (result instanceof LinkedTo linked) {
            return mention(member) + " is verified as " + person(linked.link(), linked.user()) + ", since "
                    + timestamp(linked.link()) + " (" + origin(linked.link()) + ").";
        }
        if (result instanceof NotLinked) {
            return mention(member) + " is not verified.";
        }
        return common(result);
    }

    static String link(AdministerGuild.LinkResult result, DiscordUserId member) {
        if (result instanceof AdministerGuild.Linked linked) {
            return mention(member) + " is now verified as " + person(linked.link(), Optional.of(linked.user()))
                    + ". Their role and nickname are on the way.";
        }
        if (result instanceof InvalidUserId invalid) {
            return "That doesn't look like a user id: " + escape(invalid.reason()) + ".";
        }
        if (result instanceof NoSuchUser noSuchUser) {
            return "There's no user `" + code(noSuchUser.userId()) + "` in the directory.";
        }
        if (result instanceof MemberAlreadyLinked already) {
            return mention(member) + " is already verified as `" + code(already.existing().directoryUser().value())
                    + "`. Unlink them first to change it.";
        }
        if (result instanceof UserAlreadyLinked taken) {
            return "`" + code(taken.existing().directoryUser().value()) + "` is already linked to "
                    + mention(taken.existing().discordUser()) + ". Unlink that account first.";
        }
        return common(result);
    }

    static String unlink(AdministerGuild.UnlinkResult result, DiscordUserId member) {
        if (result instanceof Unlinked unlinked) {
            return mention(member) + " is no longer verified (was `" + code(unlinked.link().directoryUser().value())
                    + "`). Their role is being removed in every server of the tenant.";
        }
        if (result instanceof NotLinked) {
            return mention(member) + " is not verified; nothing to unlink.";
        }
        return common(result);
    }

    static String members(AdministerGuild.MembersResult result) {
        if (result instanceof MemberPage page) {
            if (page.total() == 0) {
                return "Nobody is verified in this tenant yet.";
            }
            StringBuilder text = new StringBuilder("**Verified members** (" + page.total() + "), page " + (page.page() + 1)
                    + " of " + page.pageCount() + ":\n");
            for (AdministerGuild.Member member : page.members()) {
                text.append("• ").append(mention(member.link().discordUser())).append(" — ")
                        .append(person(member.link(), member.user())).append('\n');
            }
            if (page.page() + 1 < page.pageCount()) {
                text.append("Next: `/gatehouse members page:").append(page.page() + 2).append('`');
            }
            return limit(text.toString().strip());
        }
        return common(result);
    }

    /** The DM a joining member gets when the server wants it. */
    static String verifyHint(String tenantName, String serverName) {
        return "Welcome to **" + escape(serverName) + "**! Members verify with their " + escape(tenantName)
                + " account: run `/verify` in one of the server's text channels and follow the steps.";
    }

    /** The DM a joining member gets when the server verifies on join; a Verify button goes with it. */
    static String verifyOffer(String tenantName, String serverName) {
        return "Welcome to **" + escape(serverName) + "**! Members verify with their " + escape(tenantName)
                + " account. Press **" + VERIFY_BUTTON + "** below to start (or run `/verify` in the server).";
    }

    // ---- log channel notices ------------------------------------------------------------------------

    /** For the log channel of the server where the request was made: the mailbox owner said "this wasn't me". */
    static String deniedNotice(VerificationDenied denied) {
        VerificationSession session = denied.session();
        DiscordUserId requester = session.requester().id();
        String user = "`" + code(session.directoryUser().value()) + "`";
        String block = denied.blockedUntil().isAfter(denied.at())
                ? " That account can't ask for " + user + " again until " + timestamp(denied.blockedUntil()) + "."
                : "";
        return limit("🚫 **Verification denied.** " + mention(requester) + " (**" + escape(session.requester().username())
                + "**, id `" + requester + "`) asked to verify as " + user + ", and the owner of that mailbox said it wasn't them."
                + block);
    }

    /** For the log channel of the server where the member verified (or was linked by an admin). */
    static String verifiedNotice(MemberVerified verified) {
        Link link = verified.link();
        return limit("✅ " + mention(link.discordUser()) + " (id `" + link.discordUser() + "`) is now verified as `"
                + code(link.directoryUser().value()) + "` (" + origin(link) + ").");
    }

    /** For the log channels of all the tenant's servers: a link was removed. */
    static String unlinkedNotice(MemberUnlinked unlinked) {
        Link link = unlinked.link();
        String who = mention(link.discordUser()) + " (id `" + link.discordUser() + "`)";
        String as = "`" + code(link.directoryUser().value()) + "`";
        if (unlinked.actor().equals(link.discordUser())) {
            return limit("➖ " + who + " removed their verification as " + as + ".");
        }
        return limit("➖ " + who + " is no longer verified as " + as + "; unlinked by " + mention(unlinked.actor())
                + " (id `" + unlinked.actor() + "`).");
    }

    // ---- shared ----------------------------------------------------------------------------------

    private static String common(Object result) {
        if (result instanceof GuildNotSetUp) {
            return NOT_SET_UP;
        }
        if (result instanceof ServiceUnavailable) {
            return SERVICE_UNAVAILABLE;
        }
        throw new IllegalArgumentException("unhandled result " + result);
    }

    private static String settings(GuildSettings settings) {
        return "**Verification:** " + onOff(settings.enabled())
                + "\n**Verified role:** " + settings.verifiedRole().map(r -> "<@&" + r + ">").orElse("none")
                + "\n**Ask joining members to verify (DM with a button):** " + onOff(settings.verifyOnJoin())
                + "\n**Kick after wrong answers:** " + kickPolicy(settings.kickPolicy())
                + "\n**Delete messages of unverified members:** " + onOff(settings.gateMessages())
                + "\n**Set nickname to the directory name:** " + onOff(settings.setNickname())
                + "\n**DM joining members about /verify:** " + onOff(settings.dmOnJoin())
                + "\n**Log channel:** " + settings.logChannel().map(c -> "<#" + c + ">").orElse("none");
    }

    private static String kickPolicy(KickPolicy policy) {
        return policy.kickAfter().isPresent()
                ? "after " + policy.kickAfter().getAsInt() + " within " + KickPolicy.WINDOW_HOURS + " hours"
                : "never";
    }

    private static String method(TenantSettings tenant) {
        return switch (tenant.method()) {
            case EMAIL_LINK -> "an emailed link to the address in the directory";
            case SITE_HANDOFF -> "a hand-off to the organisation's site"
                    + tenant.handoff().siteUrl().map(u -> " (" + escape(String.valueOf(u.getHost())) + ")").orElse("");
        };
    }

    /** The question members of this server answer, and whose it is. */
    static String questionInForce(GuildSettings settings, TenantSettings tenant) {
        Optional<VerificationQuestion> question = settings.questionUnder(tenant);
        if (question.isEmpty()) {
            return "none (members go straight to " + (tenant.method() == VerificationMethod.SITE_HANDOFF
                    ? "the organisation's site)" : "the emailed link)");
        }
        String source = settings.question().isPresent() ? "this server's own" : "the tenant's";
        int answers = question.get().acceptedAnswers().size();
        return "\"" + untrusted(question.get().prompt()) + "\" (" + source + ", " + answers
                + (answers == 1 ? " accepted answer)" : " accepted answers)");
    }

    // ---- /gatehouse question ----------------------------------------------------------------------

    /** The question in force with its accepted answers, for admins. */
    static String question(AdministerGuild.StatusResult result) {
        if (result instanceof GuildStatus status) {
            Optional<VerificationQuestion> question = status.settings().questionUnder(status.tenant());
            StringBuilder text = new StringBuilder("**Question:** " + questionInForce(status.settings(), status.tenant()));
            question.ifPresent(q -> text.append("\n**Accepted answers:** ").append(q.acceptedAnswers().isEmpty() ? "none"
                    : q.acceptedAnswers().stream().map(Replies::untrusted).collect(Collectors.joining(" · "))));
            if (status.settings().question().isPresent()) {
                text.append(status.tenant().question()
                        .map(t -> "\nWithout it, the tenant's question (\"" + untrusted(t.prompt()) + "\") applies.")
                        .orElse("\nWithout it, members get no question."));
            } else {
                text.append("\nSet one for this server with `/gatehouse question text:<question> answers:<answer> | <another>`.");
            }
            text.append("\nAnswers match ignoring case, spaces and punctuation.");
            return limit(text.toString());
        }
        return common(result);
    }

    static String questionConflict() {
        return "Choose `clear:True` or a new `text` with `answers`, not both. Nothing was changed.";
    }

    static String questionNeedsBoth() {
        return "Give both the question (`text`) and its accepted answers (`answers`, separated by `|`). Nothing was changed.";
    }

    static String questionRefused(String reason) {
        return "That question can't be used: " + escape(reason) + ". Nothing was changed.";
    }

    // ---- /gatehouse answers -----------------------------------------------------------------------

    /** The most common wrong answers, grouped; every answer is member-typed text, so escaped and unable to mention. */
    static String wrongAnswers(ReviewWrongAnswers.TopResult result) {
        if (result instanceof WrongAnswerReport report) {
            if (report.groups().isEmpty()) {
                return "No wrong answers are logged for tenant `" + code(report.tenant().value()) + "`.";
            }
            StringBuilder text = new StringBuilder("**Most common wrong answers** in tenant `" + code(report.tenant().value())
                    + "` (grouped ignoring case, spaces and punctuation):");
            int shown = 0;
            for (WrongAnswerGroup group : report.groups()) {
                String entry = "\n**" + (shown + 1) + ".** " + count(group.attempts(), "attempt") + " by "
                        + count(group.distinctMembers(), "member") + ", first " + relative(group.firstSeen())
                        + ", last " + relative(group.lastSeen()) + "\n      typed as: "
                        + group.spellings().stream().map(s -> "“" + untrusted(preview(s)) + "”").collect(Collectors.joining(", "));
                String more = "\n…and " + (report.groups().size() - shown) + " more: ask for fewer with `limit`.";
                if (text.length() + entry.length() + more.length() > MAX_LENGTH) {
                    return text.append(more).toString();
                }
                text.append(entry);
                shown++;
            }
            return text.toString();
        }
        return common(result);
    }

    static String clearAnswersPrompt() {
        return "This deletes every logged wrong answer of this server's tenant, for all its servers, and can't be undone. "
                + "Delete them?";
    }

    static String clearAnswersButton() {
        return "Delete the log";
    }

    static String keepAnswersButton() {
        return "Cancel";
    }

    static String clearAnswers(ReviewWrongAnswers.ClearResult result) {
        if (result instanceof WrongAnswersCleared cleared) {
            return "Done: deleted " + count(cleared.deleted(), "wrong answer") + " from tenant `" + code(cleared.tenant().value()) + "`.";
        }
        return common(result);
    }

    static String answersKept() {
        return "Cancelled: the wrong-answer log is unchanged.";
    }

    static String onlyTheAskingAdmin() {
        return "Only the admin who asked can answer this.";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String warningLines(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n**Needs attention:**");
        warnings.forEach(w -> text.append("\n⚠️ ").append(w));
        return text.toString();
    }

    private static String person(Link link, Optional<DirectoryUser> user) {
        String id = "`" + code(link.directoryUser().value()) + "`";
        return user.map(u -> "**" + escape(u.name().value()) + "** (" + id + ")").orElse(id + " (no longer in the directory)");
    }

    private static String origin(Link link) {
        return switch (link.origin()) {
            case EMAIL -> "confirmed by email";
            case HANDOFF -> "vouched for by the organisation's site";
            case ADMIN -> "linked by an admin";
            case IMPORT -> "imported";
        };
    }

    private static String timestamp(Link link) {
        return timestamp(link.linkedAt());
    }

    /** Discord timestamp markup: each reader sees the moment in their own time zone. */
    private static String timestamp(Instant at) {
        return "<t:" + at.getEpochSecond() + ":f>";
    }

    private static String mention(DiscordUserId user) {
        return "<@" + user + ">";
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** "15 minutes", "1 minute", "2 hours", rounding up to whole minutes; hours from two hours on. */
    static String inWords(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        if (minutes >= 120) {
            long hours = (minutes + 59) / 60;
            return hours + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    /** Discord's relative timestamp markup ("3 hours ago"), shown in each reader's language. */
    private static String relative(Instant at) {
        return "<t:" + at.getEpochSecond() + ":R>";
    }

    /**
     * Member-typed text: markdown escaped, and {@code @everyone}, {@code @here} and raw mention ids broken with a
     * zero-width space so they don't even look like mentions (nothing pings anyway: mentions are off).
     */
    static String untrusted(String text) {
        return MENTION.matcher(escape(text)).replaceAll("@\u200B$1");
    }

    private static String preview(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return "(blank)";
        }
        return stripped.codePointCount(0, stripped.length()) <= 60 ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, 59)) + "…";
    }

    private static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Escapes Discord markdown in untrusted text (mentions are off for every message the bot sends). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if ("\\*_~`|>#-[]()<".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
        });
        return out.toString();
    }

    /** Text for inside an inline code span: backticks can't close it early. */
    private static String code(String text) {
        return text.replace('`', '\'');
    }

    private static String limit(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
