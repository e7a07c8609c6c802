package dev.gatehouse.discord;

import static dev.gatehouse.discord.CommonReplies.MAX_TITLE_LENGTH;
import static dev.gatehouse.discord.CommonReplies.fit;
import static dev.gatehouse.discord.CommonReplies.inWords;
import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.BlockedByDenial;
import dev.gatehouse.core.port.in.RequestVerification.DetailsNeeded;
import dev.gatehouse.core.port.in.RequestVerification.DirectoryUserTaken;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.SignInReady;
import dev.gatehouse.core.port.in.RequestVerification.IncorrectAnswer;
import dev.gatehouse.core.port.in.RequestVerification.KickForWrongAnswers;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RateLimited;
import dev.gatehouse.core.port.in.RequestVerification.SetupIncomplete;
import dev.gatehouse.core.port.in.RequestVerification.UnknownUser;
import dev.gatehouse.core.port.in.RequestVerification.VerificationOff;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandOption;

/**
 * {@code /verify [user_id]}: its schema, the Verify / Try again button (in a server, or in the join DM naming the
 * server in its id), the form asking for the answer and the user id, and what the member reads. {@link VerifyFlow}
 * does the asking.
 */
final class VerifyCommand implements SlashCommandHandler {
    static final String NAME = "verify";
    static final String USER_ID = "user_id";
    /** + guild id: starts verifying in that server (on the join DM, and after a wrong answer). */
    static final String VERIFY_BUTTON = InteractionRouter.ID_PREFIX + "verify:";
    /** + guild id: the form asking for the answer and/or the user id. */
    static final String VERIFY_FORM = InteractionRouter.ID_PREFIX + "verify-form:";
    static final String ANSWER_INPUT = "answer";
    static final String USER_ID_INPUT = "user_id";

    private final VerifyFlow flow;

    VerifyCommand(BotContext context) {
        this.flow = new VerifyFlow(context);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandBuilder schema() {
        return SlashCommand.with(NAME, text("verify.description"), List.of(SlashCommandOption.createStringOption(USER_ID,
                        text("verify.option.userId"), false, 1, DirectoryUserId.MAX_LENGTH)))
                .setEnabledInDms(false);
    }

    @Override
    public void run(SlashCommandInteraction interaction, Server server) {
        flow.start(interaction, server, interaction.getArgumentStringValueByName(USER_ID).map(String::strip).filter(id -> !id.isEmpty()));
    }

    @Override
    public List<Route<ButtonInteraction>> buttons() {
        return List.of(new Route<>(VERIFY_BUTTON, (interaction, guild) -> inServer(interaction, InteractionRouter.snowflake(guild),
                server -> flow.start(interaction, server, Optional.empty()))));
    }

    @Override
    public List<Route<ModalInteraction>> forms() {
        return List.of(new Route<>(VERIFY_FORM, (interaction, guild) -> inServer(interaction, InteractionRouter.snowflake(guild),
                server -> flow.submit(interaction, server))));
    }

    /**
     * Runs {@code action} with the server a button or form belongs to: where it was clicked, or, from a DM, the server
     * named in its custom id, if the bot is still there and the user still a member.
     */
    private static void inServer(InteractionBase interaction, OptionalLong guildId, Consumer<Server> action) {
        if (guildId.isEmpty()) {
            return;
        }
        Optional<Server> here = interaction.getServer();
        Optional<Server> server = here.isPresent() ? here.filter(s -> s.getId() == guildId.getAsLong())
                : interaction.getApi().getServerById(guildId.getAsLong());
        if (server.isEmpty()) {
            Responses.replyNow(interaction, text("verify.serverGone"));
        } else if (!server.get().isMember(interaction.getUser())) {
            Responses.replyNow(interaction, notAMember(server.get().getName()));
        } else {
            action.accept(server.get());
        }
    }

    // ---- what the member reads ---------------------------------------------------------------------------------

    static String verifyButton() {
        return text("verify.button");
    }

    static String tryAgainButton() {
        return text("verify.tryAgain");
    }

    static String signInButton() {
        return text("verify.signIn");
    }

    static String continueToSiteButton() {
        return text("verify.continueToSite");
    }

    /** The reply to {@code /verify}, replacing the "thinking…" of the deferred answer. */
    static String reply(RequestVerification.RequestResult result) {
        if (result instanceof LinkSent sent) {
            String lifetime = inWords(sent.lifetime());
            return sent.maskedAddress()
                    .map(masked -> text("verify.linkSent.masked", escape(masked), lifetime))
                    .orElse(text("verify.linkSent.unmasked", lifetime));
        }
        if (result instanceof AlreadyVerified) {
            return text("verify.alreadyVerified");
        }
        if (result instanceof GuildNotSetUp) {
            return CommonReplies.notSetUp();
        }
        if (result instanceof InvalidUserId invalid) {
            return text("common.invalidUserId", escape(invalid.reason()));
        }
        if (result instanceof UnknownUser unknown) {
            return text("verify.unknownUser", code(unknown.userId().value()));
        }
        if (result instanceof DirectoryUserTaken) {
            return text("verify.directoryUserTaken");
        }
        if (result instanceof RateLimited limited) {
            String wait = inWords(limited.retryAfter());
            return switch (limited.limit()) {
                case REQUESTER -> text("verify.rateLimited.requester", wait);
                case MAILBOX -> text("verify.rateLimited.mailbox", wait);
                case TENANT -> text("verify.rateLimited.tenant", wait);
            };
        }
        if (result instanceof BlockedByDenial blocked) {
            return text("verify.blockedByDenial", inWords(blocked.retryAfter()));
        }
        if (result instanceof ServiceUnavailable) {
            return CommonReplies.serviceUnavailable();
        }
        if (result instanceof HandoffReady handoff) {
            return text("verify.handoffReady", continueToSiteButton(), inWords(handoff.lifetime()));
        }
        if (result instanceof SignInReady signIn) {
            return text("verify.signInReady", signInButton(), inWords(signIn.lifetime()));
        }
        if (result instanceof DetailsNeeded needed) {
            String key = needed.question().isPresent() && needed.userIdNeeded() ? "verify.detailsNeeded.answerAndUserId"
                    : needed.question().isPresent() ? "verify.detailsNeeded.answer" : "verify.detailsNeeded.userId";
            return text(key, verifyButton());
        }
        if (result instanceof IncorrectAnswer incorrect) {
            if (incorrect.kickAfter().isEmpty()) {
                return text("verify.incorrectAnswer", tryAgainButton());
            }
            int left = Math.max(1, incorrect.kickAfter().getAsInt() - incorrect.wrongAnswers());
            return left == 1 ? text("verify.incorrectAnswer.lastTry", tryAgainButton())
                    : text("verify.incorrectAnswer.triesLeft", tryAgainButton(), left);
        }
        if (result instanceof KickForWrongAnswers) {
            return text("verify.kicked");
        }
        if (result instanceof VerificationOff) {
            return text("verify.off");
        }
        if (result instanceof SetupIncomplete) {
            return text("verify.setupIncomplete");
        }
        throw new IllegalArgumentException("unhandled result " + result);
    }

    /** The hand-off link in the message text, when it is too long for a link button (Discord allows 512 characters). */
    static String handoffLinkInline(HandoffReady handoff) {
        return "\n" + text("verify.handoffLink", continueToSiteButton(), handoff.link());
    }

    /** The sign-in link in the message text, when it is too long for a link button. */
    static String signInLinkInline(SignInReady signIn) {
        return "\n" + text("verify.handoffLink", signInButton(), signIn.link());
    }

    /** The title of the verify form (the modal): names the server, within Discord's 45 characters. */
    static String formTitle(String serverName) {
        return fit(text("verify.form.title", serverName.strip()), MAX_TITLE_LENGTH);
    }

    /** The label of the answer field: the question itself (the core keeps it within 45 characters). */
    static String answerLabel(String question) {
        return fit(question, MAX_TITLE_LENGTH);
    }

    static String userIdLabel() {
        return text("verify.form.userId");
    }

    static String notAMember(String serverName) {
        return text("verify.notAMember", escape(serverName));
    }

    /** A second edit of the reply once the mail relay answered, if the member must know. */
    static Optional<String> delivery(MailDelivery delivery) {
        return switch (delivery) {
            case FAILED -> Optional.of(text("verify.deliveryFailed"));
            case SENT, NONE -> Optional.empty();
        };
    }

    /** When the mail outcome never arrived (the core failed unexpectedly). */
    static String deliveryUnknown() {
        return text("verify.deliveryUnknown");
    }
}
