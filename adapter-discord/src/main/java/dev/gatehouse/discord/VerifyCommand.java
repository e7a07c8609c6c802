package dev.gatehouse.discord;

import static dev.gatehouse.discord.CommonReplies.MAX_TITLE_LENGTH;
import static dev.gatehouse.discord.CommonReplies.fit;
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
import dev.gatehouse.core.text.Durations;
import java.util.List;
import java.util.Locale;
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
import org.javacord.api.interaction.SlashCommandOptionBuilder;
import org.javacord.api.interaction.SlashCommandOptionType;

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
        SlashCommandOption userId = Locales.localized(new SlashCommandOptionBuilder().setType(SlashCommandOptionType.STRING)
                .setName(USER_ID).setDescription(text("verify.option.userId")).setRequired(false).setMinLength(1)
                .setMaxLength(DirectoryUserId.MAX_LENGTH), "verify.option.userId").build();
        return Locales.localized(SlashCommand.with(NAME, text("verify.description"), List.of(userId)), "verify")
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
            Responses.replyNow(interaction, text(Locales.of(interaction), "verify.serverGone"));
        } else if (!server.get().isMember(interaction.getUser())) {
            Responses.replyNow(interaction, notAMember(Locales.of(interaction), server.get().getName()));
        } else {
            action.accept(server.get());
        }
    }

    // ---- what the member reads ---------------------------------------------------------------------------------

    static String verifyButton(Locale language) {
        return text(language, "verify.button");
    }

    static String tryAgainButton(Locale language) {
        return text(language, "verify.tryAgain");
    }

    static String signInButton(Locale language) {
        return text(language, "verify.signIn");
    }

    static String continueToSiteButton(Locale language) {
        return text(language, "verify.continueToSite");
    }

    /** The reply to {@code /verify}, replacing the "thinking…" of the deferred answer. */
    static String reply(RequestVerification.RequestResult result, Locale language) {
        if (result instanceof LinkSent sent) {
            String lifetime = Durations.describe(sent.lifetime(), language);
            return sent.maskedAddress()
                    .map(masked -> text(language, "verify.linkSent.masked", escape(masked), lifetime))
                    .orElse(text(language, "verify.linkSent.unmasked", lifetime));
        }
        if (result instanceof AlreadyVerified) {
            return text(language, "verify.alreadyVerified");
        }
        if (result instanceof GuildNotSetUp) {
            return CommonReplies.notSetUp(language);
        }
        if (result instanceof InvalidUserId invalid) {
            return text(language, "common.invalidUserId", escape(invalid.reason()));
        }
        if (result instanceof UnknownUser unknown) {
            return text(language, "verify.unknownUser", code(unknown.userId().value()));
        }
        if (result instanceof DirectoryUserTaken) {
            return text(language, "verify.directoryUserTaken");
        }
        if (result instanceof RateLimited limited) {
            String wait = Durations.describe(limited.retryAfter(), language);
            return switch (limited.limit()) {
                case REQUESTER -> text(language, "verify.rateLimited.requester", wait);
                case MAILBOX -> text(language, "verify.rateLimited.mailbox", wait);
                case TENANT -> text(language, "verify.rateLimited.tenant", wait);
            };
        }
        if (result instanceof BlockedByDenial blocked) {
            return text(language, "verify.blockedByDenial", Durations.describe(blocked.retryAfter(), language));
        }
        if (result instanceof ServiceUnavailable) {
            return CommonReplies.serviceUnavailable(language);
        }
        if (result instanceof HandoffReady handoff) {
            return text(language, "verify.handoffReady", continueToSiteButton(language), Durations.describe(handoff.lifetime(), language));
        }
        if (result instanceof SignInReady signIn) {
            return text(language, "verify.signInReady", signInButton(language), Durations.describe(signIn.lifetime(), language));
        }
        if (result instanceof DetailsNeeded needed) {
            String key = needed.question().isPresent() && needed.userIdNeeded() ? "verify.detailsNeeded.answerAndUserId"
                    : needed.question().isPresent() ? "verify.detailsNeeded.answer" : "verify.detailsNeeded.userId";
            return text(language, key, verifyButton(language));
        }
        if (result instanceof IncorrectAnswer incorrect) {
            if (incorrect.kickAfter().isEmpty()) {
                return text(language, "verify.incorrectAnswer", tryAgainButton(language));
            }
            int left = Math.max(1, incorrect.kickAfter().getAsInt() - incorrect.wrongAnswers());
            return left == 1 ? text(language, "verify.incorrectAnswer.lastTry", tryAgainButton(language))
                    : text(language, "verify.incorrectAnswer.triesLeft", tryAgainButton(language), left);
        }
        if (result instanceof KickForWrongAnswers) {
            return text(language, "verify.kicked");
        }
        if (result instanceof VerificationOff) {
            return text(language, "verify.off");
        }
        if (result instanceof SetupIncomplete) {
            return text(language, "verify.setupIncomplete");
        }
        throw new IllegalArgumentException("unhandled result " + result);
    }

    /** The hand-off link in the message text, when it is too long for a link button (Discord allows 512 characters). */
    static String handoffLinkInline(HandoffReady handoff, Locale language) {
        return "\n" + text(language, "verify.handoffLink", continueToSiteButton(language), handoff.link());
    }

    /** The sign-in link in the message text, when it is too long for a link button. */
    static String signInLinkInline(SignInReady signIn, Locale language) {
        return "\n" + text(language, "verify.handoffLink", signInButton(language), signIn.link());
    }

    /** The title of the verify form (the modal): names the server, within Discord's 45 characters. */
    static String formTitle(String serverName, Locale language) {
        return fit(text(language, "verify.form.title", serverName.strip()), MAX_TITLE_LENGTH);
    }

    /** The label of the answer field: the question itself (the core keeps it within 45 characters). */
    static String answerLabel(String question) {
        return fit(question, MAX_TITLE_LENGTH);
    }

    static String userIdLabel(Locale language) {
        return text(language, "verify.form.userId");
    }

    static String notAMember(Locale language, String serverName) {
        return text(language, "verify.notAMember", escape(serverName));
    }

    /** A second edit of the reply once the mail relay answered, if the member must know. */
    static Optional<String> delivery(MailDelivery delivery, Locale language) {
        return switch (delivery) {
            case FAILED -> Optional.of(text(language, "verify.deliveryFailed"));
            case SENT, NONE -> Optional.empty();
        };
    }

    /** When the mail outcome never arrived (the core failed unexpectedly). */
    static String deliveryUnknown(Locale language) {
        return text(language, "verify.deliveryUnknown");
    }

    /** The reply in English. */
    static String reply(RequestVerification.RequestResult result) {
        return reply(result, Messages.LOCALE);
    }

    static String verifyButton() {
        return verifyButton(Messages.LOCALE);
    }
}
