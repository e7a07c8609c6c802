package dev.gatehouse.discord;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.RequestVerification.DetailsNeeded;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.SignInReady;
import dev.gatehouse.core.port.in.RequestVerification.IncorrectAnswer;
import dev.gatehouse.core.port.in.RequestVerification.KickForWrongAnswers;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.RequestVerification.SetupIncomplete;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.TextInputBuilder;
import org.javacord.api.entity.message.component.TextInputStyle;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.exception.MissingPermissionsException;
import org.javacord.api.exception.NotFoundException;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;

/**
 * Verifying a member: {@code /verify}, the Verify and Try again buttons (in a server or in the join DM), and the
 * form (a Discord modal) asking for the answer to the server's question and/or the member's user id.
 *
 * <p>A modal can only be the first answer to an interaction, never follow a deferral. So the first request goes to
 * the core on the bot's executor while the interaction waits at most the decision budget: if the core asks for
 * details in time, the form opens; any other answer is shown in a deferred ephemeral reply. If the core is slower,
 * the interaction is deferred anyway so it can't expire, and a request for details then comes with a button that
 * opens the form. Submitting the form defers at once and edits the reply with the outcome. Members who answer
 * wrong too often are told, then kicked; hand-off links are shown only to the member and never logged.
 */
final class VerifyFlow {
    private static final System.Logger LOG = System.getLogger(VerifyFlow.class.getName());
    /** Discord answers an interaction only if acknowledged within 3 s; this leaves room for the callback's trip. */
    static final Duration DECISION_BUDGET = Duration.ofMillis(1500);
    /** Discord's limit for a link button's URL. */
    static final int MAX_BUTTON_URL_LENGTH = 512;
    private static final Duration SETUP_ALERT_INTERVAL = Duration.ofHours(1);
    private static final Duration KICK_ALERT_INTERVAL = Duration.ofMinutes(10);

    private final BotPorts ports;
    private final Executor work;
    private final LogNotices notices;
    private final Duration budget;
    private final Map<String, Instant> lastAlerts = new ConcurrentHashMap<>();

    VerifyFlow(BotContext context) {
        this.ports = context.ports();
        this.work = context.work();
        this.notices = context.notices();
        this.budget = context.decisionBudget();
    }

    /**
     * Starts verifying the interaction's user in {@code server}: opens the form if the core needs details, otherwise
     * answers with the outcome. {@code typedUserId} is the {@code /verify user_id} option, if given.
     */
    void start(InteractionBase interaction, Server server, Optional<String> typedUserId) {
        RequestCommand command = command(server, interaction, typedUserId, Optional.empty());
        Acknowledgement.race(interaction, work, budget, () -> request(command), new ServiceUnavailable(),
                result -> {
                    if (result instanceof DetailsNeeded needed) {
                        openForm(interaction, server, needed, typedUserId);
                    } else {
                        interaction.respondLater(true).thenAccept(updater -> show(updater, interaction, server, result))
                                .exceptionally(e -> Responses.failed("/verify", e));
                    }
                },
                (updater, result) -> show(updater, interaction, server, result));
    }

    /** The member submitted the form: request again with what they typed, and show the outcome. */
    void submit(ModalInteraction interaction, Server server) {
        Optional<String> answer = interaction.getTextInputValueByCustomId(VerifyCommand.ANSWER_INPUT);
        Optional<String> userId = interaction.getTextInputValueByCustomId(VerifyCommand.USER_ID_INPUT)
                .map(String::strip).filter(id -> !id.isEmpty());
        RequestCommand command = command(server, interaction, userId, answer);
        interaction.respondLater(true)
                .thenAcceptAsync(updater -> show(updater, interaction, server, request(command)), work)
                .exceptionally(e -> Responses.failed("verify form", e));
    }

    private void openForm(InteractionBase interaction, Server server, DetailsNeeded needed, Optional<String> typedUserId) {
        Locale language = Locales.of(interaction);
        List<HighLevelComponent> rows = new ArrayList<>();
        needed.question().ifPresent(question -> rows.add(ActionRow.of(
                new TextInputBuilder(TextInputStyle.SHORT, VerifyCommand.ANSWER_INPUT, VerifyCommand.answerLabel(question))
                        .setMinimumLength(1).setMaximumLength(WrongAnswer.MAX_LENGTH).setRequired(true).build())));
        if (needed.userIdNeeded() || typedUserId.isPresent()) {
            TextInputBuilder userId = new TextInputBuilder(TextInputStyle.SHORT, VerifyCommand.USER_ID_INPUT, VerifyCommand.userIdLabel(language))
                    .setMinimumLength(1).setMaximumLength(DirectoryUserId.MAX_LENGTH).setRequired(true);
            typedUserId.ifPresent(userId::setValue);
            rows.add(ActionRow.of(userId.build()));
        }
        interaction.respondWithModal(VerifyCommand.VERIFY_FORM + server.getIdAsString(), VerifyCommand.formTitle(server.getName(), language), rows)
                .exceptionally(e -> {
                    Responses.failed("opening the verify form", e);
                    interaction.createImmediateResponder().setContent(CommonReplies.serviceUnavailable(language)).setFlags(MessageFlag.EPHEMERAL)
                            .setAllowedMentions(Responses.NO_MENTIONS).respond()
                            .exceptionally(again -> Responses.failed("/verify fallback answer", again));
                    return null;
                });
    }

    /** Shows the outcome in the deferred reply, then does what follows from it (mail notice, kick, admin alert). */
    private void show(InteractionOriginalResponseUpdater updater, InteractionBase interaction, Server server, RequestResult result) {
        Locale language = Locales.of(interaction);
        String text = VerifyCommand.reply(result, language);
        updater.setAllowedMentions(Responses.NO_MENTIONS);
        String retry = VerifyCommand.VERIFY_BUTTON + server.getIdAsString();
        if (result instanceof HandoffReady handoff) {
            String link = handoff.link().toString();
            if (link.length() <= MAX_BUTTON_URL_LENGTH) {
                updater.addComponents(ActionRow.of(Button.link(link, VerifyCommand.continueToSiteButton(language))));
            } else {
                text = text + VerifyCommand.handoffLinkInline(handoff, language);
            }
        } else if (result instanceof SignInReady signIn) {
            String link = signIn.link().toString();
            if (link.length() <= MAX_BUTTON_URL_LENGTH) {
                updater.addComponents(ActionRow.of(Button.link(link, VerifyCommand.signInButton(language))));
            } else {
                text = text + VerifyCommand.signInLinkInline(signIn, language);
            }
        } else if (result instanceof DetailsNeeded) {
            updater.addComponents(ActionRow.of(Button.primary(retry, VerifyCommand.verifyButton(language))));
        } else if (result instanceof IncorrectAnswer) {
            updater.addComponents(ActionRow.of(Button.primary(retry, VerifyCommand.tryAgainButton(language))));
        }
        CompletableFuture<?> shown = updater.setContent(text).update()
                .exceptionally(e -> Responses.failed("/verify reply", e));
        GuildId guild = new GuildId(server.getId());
        if (result instanceof LinkSent sent) {
            shown.handle((message, e) -> null)
                    .thenCompose(ignored -> sent.delivery().toCompletableFuture()
                            .handle((delivery, e) -> e == null ? VerifyCommand.delivery(delivery, language)
                                    : Optional.of(VerifyCommand.deliveryUnknown(language))))
                    .thenAcceptAsync(notice -> notice.ifPresent(t -> Responses.edit(updater, t)), work)
                    .exceptionally(e -> Responses.failed("/verify delivery notice", e));
        } else if (result instanceof KickForWrongAnswers kick) {
            User user = interaction.getUser();
            shown.handle((message, e) -> null).thenRunAsync(() -> kick(server, user, kick.wrongAnswers()), work)
                    .exceptionally(e -> Responses.failed("kick after wrong answers", e));
        } else if (result instanceof SetupIncomplete incomplete) {
            LOG.log(System.Logger.Level.WARNING, "server " + guild + " can't verify anyone: "
                    + incomplete.problems().stream().map(CommonReplies::warning).collect(Collectors.joining(" ")));
            work.execute(() -> alertAdmins(guild, "setup", SETUP_ALERT_INTERVAL, setupIncompleteNotice(incomplete.problems())));
        }
    }

    private void kick(Server server, User user, int wrongAnswers) {
        DiscordUserId member = new DiscordUserId(user.getId());
        GuildId guild = new GuildId(server.getId());
        if (server.isOwner(user)) {
            LOG.log(System.Logger.Level.INFO, "not kicking member " + member + " from server " + guild + ": they own it");
            return;
        }
        server.kickUser(user, Messages.text("verify.kickReason", wrongAnswers))
                .whenComplete((done, e) -> {
                    if (e == null) {
                        LOG.log(System.Logger.Level.INFO, "kicked member " + member + " from server " + guild + " after "
                                + wrongAnswers + " wrong answers");
                        return;
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof NotFoundException) {
                        LOG.log(System.Logger.Level.INFO, "member " + member + " left server " + guild + " before the kick");
                        return;
                    }
                    String why = cause instanceof MissingPermissionsException
                            ? Messages.text("verify.notice.kickFailed.permissions")
                            : Messages.text("verify.notice.kickFailed.refused", cause.getClass().getSimpleName());
                    LOG.log(System.Logger.Level.WARNING, "could not kick member " + member + " from server " + guild + " after "
                            + wrongAnswers + " wrong answers", cause);
                    work.execute(() -> alertAdmins(guild, "kick", KICK_ALERT_INTERVAL, kickFailedNotice(member, wrongAnswers, why)));
                });
    }

    /** Tells the server's admins in its log channel, if it has one, at most once per interval for each kind of problem. */
    private void alertAdmins(GuildId guild, String kind, Duration interval, String text) {
        Instant now = Instant.now();
        AtomicBoolean due = new AtomicBoolean();
        lastAlerts.compute(guild + "/" + kind, (key, last) -> {
            if (last != null && last.plus(interval).isAfter(now)) {
                return last;
            }
            due.set(true);
            return now;
        });
        if (!due.get()) {
            return;
        }
        AdministerGuild.StatusResult status = Responses.guarded(() -> ports.administration().status(guild), new ServiceUnavailable());
        if (status instanceof AdministerGuild.GuildStatus found) {
            found.settings().logChannel().ifPresent(channel -> notices.post(guild, channel, text));
        }
    }

    /** For admins, in the log channel: the question was answered wrong too often, but the kick failed. */
    static String kickFailedNotice(DiscordUserId member, int wrongAnswers, String why) {
        return CommonReplies.limit(Messages.text("verify.notice.kickFailed", Markdown.mention(member), member.toString(),
                wrongAnswers, why));
    }

    /** For admins, in the log channel: members can't verify here until this is fixed. */
    static String setupIncompleteNotice(List<SetupWarning> problems) {
        StringBuilder text = new StringBuilder(Messages.text("verify.notice.setupIncomplete"));
        problems.forEach(p -> text.append("\n• ").append(CommonReplies.warning(p)));
        return CommonReplies.limit(text.append("\n").append(Messages.text("verify.notice.setupIncomplete.more")).toString());
    }

    private RequestResult request(RequestCommand command) {
        return Responses.guarded(() -> ports.verification().request(command), new ServiceUnavailable());
    }

    /** The request, with the language of the member's Discord client so the email and link pages can speak it. */
    private static RequestCommand command(Server server, InteractionBase interaction, Optional<String> userId, Optional<String> answer) {
        User user = interaction.getUser();
        return new RequestCommand(new GuildId(server.getId()), server.getName(),
                new DiscordAccount(new DiscordUserId(user.getId()), user.getName()), userId, answer, Locales.requested(interaction));
    }
}
