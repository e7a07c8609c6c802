package dev.gatehouse.discord;

import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.in.AdministerGuild.NotLinked;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Unlinked;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.util.List;
import java.util.Locale;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;

/** {@code /unverify}: asks to confirm with a button, then removes the member's own link. */
final class UnverifyCommand implements SlashCommandHandler {
    static final String NAME = "unverify";
    static final String CONFIRM_BUTTON = InteractionRouter.ID_PREFIX + "unverify";
    static final String ERASE_BUTTON = InteractionRouter.ID_PREFIX + "unverify-erase";

    private final BotContext context;

    UnverifyCommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandBuilder schema() {
        return Locales.localized(SlashCommand.with(NAME, text("unverify.description")), "unverify").setEnabledInDms(false);
    }

    @Override
    public void run(SlashCommandInteraction interaction, Server server) {
        Locale language = Locales.of(interaction);
        interaction.createImmediateResponder()
                .setContent(text(language, "unverify.prompt"))
                .addComponents(ActionRow.of(Button.danger(CONFIRM_BUTTON, text(language, "unverify.button"))))
                .setFlags(MessageFlag.EPHEMERAL)
                .setAllowedMentions(Responses.NO_MENTIONS)
                .respond().exceptionally(e -> Responses.failed("/unverify prompt", e));
    }

    @Override
    public List<Route<ButtonInteraction>> buttons() {
        return List.of(new Route<>(CONFIRM_BUTTON, (interaction, rest) -> {
            if (rest.isEmpty()) {
                unverify(interaction);
            }
        }), new Route<>(ERASE_BUTTON, (interaction, rest) -> {
            if (rest.isEmpty()) {
                erase(interaction);
            }
        }));
    }

    private void unverify(ButtonInteraction interaction) {
        if (interaction.getServer().isEmpty()) {
            return;
        }
        GuildId guild = new GuildId(interaction.getServer().get().getId());
        DiscordUserId member = new DiscordUserId(interaction.getUser().getId());
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            AdministerGuild.UnlinkResult result = Responses.guarded(
                    () -> context.ports().administration().unlink(new UnlinkCommand(guild, member, member)), new ServiceUnavailable());
            Locale language = Locales.of(interaction);
            if (result instanceof Unlinked) {
                context.deliverSoon().run();
                updater.setContent(reply(result, language) + "\n\n" + text(language, "unverify.eraseOffer"))
                        .addComponents(ActionRow.of(Button.danger(ERASE_BUTTON, text(language, "unverify.eraseButton"))))
                        .setAllowedMentions(Responses.NO_MENTIONS).update().exceptionally(e -> Responses.failed("/unverify reply", e));
                return;
            }
            Responses.edit(updater, reply(result, language));
        }, context.work()).exceptionally(e -> Responses.failed("/unverify", e));
    }

    /** The member's own Discord account's data erased, after they unverified. */
    private void erase(ButtonInteraction interaction) {
        if (interaction.getServer().isEmpty()) {
            return;
        }
        GuildId guild = new GuildId(interaction.getServer().get().getId());
        DiscordUserId member = new DiscordUserId(interaction.getUser().getId());
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            ManagePersonalData.EraseResult result = Responses.guarded(
                    () -> context.ports().personalData().erase(new ManagePersonalData.ByMemberThemselves(guild, member)),
                    new ServiceUnavailable());
            if (result instanceof ManagePersonalData.PersonErased) {
                context.deliverSoon().run();
            }
            Responses.edit(updater, eraseReply(result, Locales.of(interaction)));
        }, context.work()).exceptionally(e -> Responses.failed("/unverify erase", e));
    }

    static String eraseReply(ManagePersonalData.EraseResult result, Locale language) {
        if (result instanceof ManagePersonalData.PersonErased) {
            return text(language, "unverify.erased");
        }
        if (result instanceof ManagePersonalData.NothingHeld) {
            return text(language, "unverify.nothingToErase");
        }
        return CommonReplies.common(result, language);
    }

    static String reply(AdministerGuild.UnlinkResult result) {
        return reply(result, Messages.LOCALE);
    }

    static String reply(AdministerGuild.UnlinkResult result, Locale language) {
        if (result instanceof Unlinked) {
            return text(language, "unverify.done");
        }
        if (result instanceof NotLinked) {
            return text(language, "unverify.notLinked");
        }
        return CommonReplies.common(result, language);
    }
}
