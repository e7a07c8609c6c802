package dev.gatehouse.discord;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.in.AdministerGuild.MembersQuery;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.ModalSubmitEvent;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.api.listener.interaction.ButtonClickListener;
import org.javacord.api.listener.interaction.ModalSubmitListener;
import org.javacord.api.listener.interaction.SlashCommandCreateListener;

/**
 * Answers {@code /verify} (with {@link VerifyFlow}: its form, buttons and the Verify button of the join DM),
 * {@code /unverify} (and its button) and {@code /gatehouse} (with the confirmation buttons for clearing the
 * wrong-answer log). Runs on Javacord's listener threads only long enough to acknowledge: core calls happen on the
 * bot's own executor, and the deferred ephemeral reply is edited with the result.
 */
final class Interactions implements SlashCommandCreateListener, ButtonClickListener, ModalSubmitListener {
    private static final System.Logger LOG = System.getLogger(Interactions.class.getName());
    static final AllowedMentions NO_MENTIONS = new AllowedMentionsBuilder().build();

    private final BotPorts ports;
    private final BotSettings settings;
    private final Executor work;
    private final Runnable deliverSoon;
    private final VerifyFlow verifyFlow;
    private final Duration budget;

    Interactions(BotPorts ports, BotSettings settings, Executor work, Runnable deliverSoon, LogNotices notices, Duration budget) {
        this.ports = ports;
        this.settings = settings;
        this.work = work;
        this.deliverSoon = deliverSoon;
        this.budget = budget;
        this.verifyFlow = new VerifyFlow(ports, work, notices, budget);
    }

    @Override
    public void onSlashCommandCreate(SlashCommandCreateEvent event) {
        SlashCommandInteraction interaction = event.getSlashCommandInteraction();
        Optional<Server> server = interaction.getServer();
        if (server.isEmpty()) {
            return;
        }
        if (!inTextChannel(interaction)) {
            interaction.createImmediateResponder().setContent(Replies.onlyInTextChannels())
                    .setAllowedMentions(NO_MENTIONS).respond().exceptionally(e -> failed("answer", e));
            return;
        }
        switch (interaction.getCommandName()) {
            case Commands.VERIFY -> verifyFlow.start(interaction, server.get(), interaction.getArgumentStringValueByName("user_id")
                    .map(String::strip).filter(id -> !id.isEmpty()));
            case Commands.UNVERIFY -> interaction.createImmediateResponder()
                    .setContent(Replies.unverifyPrompt())
                    .addComponents(ActionRow.of(Button.danger(Commands.UNVERIFY_BUTTON, Replies.unverifyButton())))
                    .setFlags(MessageFlag.EPHEMERAL)
                    .setAllowedMentions(NO_MENTIONS)
                    .respond().exceptionally(e -> failed("/unverify prompt", e));
            case Commands.GATEHOUSE -> administer(interaction, server.get());
            default -> LOG.log(System.Logger.Level.DEBUG, "ignoring unknown command /" + interaction.getCommandName());
        }
    }

    @Override
    public void onButtonClick(ButtonClickEvent event) {
        ButtonInteraction interaction = event.getButtonInteraction();
        String customId = interaction.getCustomId();
        OptionalLong id;
        if (Commands.UNVERIFY_BUTTON.equals(customId)) {
            unverify(interaction);
        } else if ((id = Commands.idAfter(customId, Commands.VERIFY_BUTTON)).isPresent()) {
            inServer(interaction, id.getAsLong(), server -> verifyFlow.start(interaction, server, Optional.empty()));
        } else if ((id = Commands.idAfter(customId, Commands.CLEAR_ANSWERS_BUTTON)).isPresent()) {
            answersDecision(interaction, id.getAsLong(), true);
        } else if ((id = Commands.idAfter(customId, Commands.KEEP_ANSWERS_BUTTON)).isPresent()) {
            answersDecision(interaction, id.getAsLong(), false);
        }
    }

    @Override
    public void onModalSubmit(ModalSubmitEvent event) {
        ModalInteraction interaction = event.getModalInteraction();
        OptionalLong guild = Commands.idAfter(interaction.getCustomId(), Commands.VERIFY_FORM);
        if (guild.isPresent()) {
            inServer(interaction, guild.getAsLong(), server -> verifyFlow.submit(interaction, server));
        }
    }

    /**
     * Runs {@code action} with the server a button or form belongs to: where it was clicked, or, from a DM, the server
     * named in its custom id, if the bot is still there and the user still a member.
     */
    private static void inServer(InteractionBase interaction, long guildId, Consumer<Server> action) {
        Optional<Server> here = interaction.getServer();
        Optional<Server> server = here.isPresent() ? here.filter(s -> s.getId() == guildId)
                : interaction.getApi().getServerById(guildId);
        if (server.isEmpty()) {
            replyNow(interaction, Replies.serverGone());
        } else if (!server.get().isMember(interaction.getUser())) {
            replyNow(interaction, Replies.notAMember(server.get().getName()));
        } else {
            action.accept(server.get());
        }
    }

    private void unverify(ButtonInteraction interaction) {
        if (interaction.getServer().isEmpty()) {
            return;
        }
        GuildId guild = new GuildId(interaction.getServer().get().getId());
        DiscordUserId member = new DiscordUserId(interaction.getUser().getId());
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            AdministerGuild.UnlinkResult result = guarded(() -> ports.administration().unlink(new UnlinkCommand(guild, member, member)),
                    new ServiceUnavailable());
            if (result instanceof AdministerGuild.Unlinked) {
                deliverSoon.run();
            }
            edit(updater, Replies.unverify(result));
        }, work).exceptionally(e -> failed("/unverify", e));
    }

    // ---- /gatehouse ------------------------------------------------------------------------------

    private void administer(SlashCommandInteraction interaction, Server server) {
        User user = interaction.getUser();
        if (!isAdmin(server, user)) {
            replyNow(interaction, Replies.notAllowed());
            return;
        }
        Optional<SlashCommandInteractionOption> sub = interaction.getOptions().stream().findFirst();
        if (sub.isEmpty()) {
            return;
        }
        if (sub.get().getName().equals("clear_answers")) {
            interaction.createImmediateResponder().setContent(Replies.clearAnswersPrompt())
                    .addComponents(ActionRow.of(
                            Button.danger(Commands.CLEAR_ANSWERS_BUTTON + user.getIdAsString(), Replies.clearAnswersButton()),
                            Button.secondary(Commands.KEEP_ANSWERS_BUTTON + user.getIdAsString(), Replies.keepAnswersButton())))
                    .setFlags(MessageFlag.EPHEMERAL).setAllowedMentions(NO_MENTIONS)
                    .respond().exceptionally(e -> failed("/gatehouse clear_answers prompt", e));
            return;
        }
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            String text;
            try {
                text = adminReply(server, user, sub.get());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "/gatehouse " + sub.get().getName() + " failed", e);
                text = Replies.SERVICE_UNAVAILABLE;
            }
            edit(updater, text);
        }, work).exceptionally(e -> failed("/gatehouse", e));
    }

    private String adminReply(Server server, User actor, SlashCommandInteractionOption sub) {
        GuildId guild = new GuildId(server.getId());
        AdministerGuild admin = ports.administration();
        switch (sub.getName()) {
            case "setup":
                return setup(server, sub);
            case "status": {
                AdministerGuild.StatusResult status = admin.status(guild);
                List<String> discordWarnings = status instanceof AdministerGuild.GuildStatus s
                        ? SetupCheck.warnings(s.settings(), facts(server, s.settings())) : List.of();
                return Replies.status(status, discordWarnings);
            }
            case "whois": {
                DiscordUserId member = idOption(sub, "member").map(DiscordUserId::new).orElseThrow();
                return Replies.whois(admin.whois(guild, member), member);
            }
            case "link": {
                DiscordUserId member = idOption(sub, "member").map(DiscordUserId::new).orElseThrow();
                String userId = sub.getArgumentStringValueByName("user_id").orElse("");
                AdministerGuild.LinkResult result = admin.link(new LinkMemberCommand(guild, member, userId, new DiscordUserId(actor.getId())));
                if (result instanceof AdministerGuild.Linked) {
                    deliverSoon.run();
                }
                return Replies.link(result, member);
            }
            case "unlink": {
                DiscordUserId member = idOption(sub, "member").map(DiscordUserId::new).orElseThrow();
                AdministerGuild.UnlinkResult result = admin.unlink(new UnlinkCommand(guild, member, new DiscordUserId(actor.getId())));
                if (result instanceof AdministerGuild.Unlinked) {
                    deliverSoon.run();
                }
                return Replies.unlink(result, member);
            }
            case "question":
                return question(guild, sub);
            case "answers": {
                long limit = sub.getArgumentLongValueByName("limit").orElse((long) Commands.DEFAULT_ANSWERS_SHOWN);
                int bounded = (int) Math.max(1, Math.min(limit, ReviewWrongAnswers.MAX_LIMIT));
                return Replies.wrongAnswers(ports.wrongAnswers().top(guild, bounded));
            }
            case "members": {
                long page = sub.getArgumentLongValueByName("page").orElse(1L);
                int index = (int) Math.max(0, Math.min(page - 1, 100_000));
                return Replies.members(admin.members(new MembersQuery(guild, index, settings.membersPageSize())));
            }
            default:
                return "Unknown subcommand.";
        }
    }

    private String setup(Server server, SlashCommandInteractionOption sub) {
        GuildId guild = new GuildId(server.getId());
        List<GuildSettingChange> changes = new ArrayList<>();
        Optional<Long> logChannel = idOption(sub, "log_channel");
        boolean clearLogChannel = sub.getArgumentBooleanValueByName("clear_log_channel").orElse(false);
        if (logChannel.isPresent() && clearLogChannel) {
            return Replies.logChannelConflict();
        }
        Optional<Long> roleId = idOption(sub, "role");
        if (roleId.isPresent()) {
            Optional<Role> role = server.getRoleById(roleId.get());
            if (role.isEmpty()) {
                return Replies.roleNotUsable(roleId.get().toString(), "it doesn't exist in this server");
            }
            Optional<String> unusable = SetupCheck.unusableRole(roleFacts(role.get()), botTopPosition(server));
            if (unusable.isPresent()) {
                return Replies.roleNotUsable(role.get().getName(), unusable.get());
            }
            changes.add(new GuildSettingChange.VerifiedRole(new RoleId(roleId.get())));
        }
        Optional<Boolean> gate = sub.getArgumentBooleanValueByName("gate");
        if (gate.isPresent()) {
            changes.add(new GuildSettingChange.GateMessages(gate.get()));
        }
        Optional<Boolean> nickname = sub.getArgumentBooleanValueByName("nickname");
        if (nickname.isPresent()) {
            changes.add(new GuildSettingChange.SetNickname(nickname.get()));
        }
        Optional<Boolean> dm = sub.getArgumentBooleanValueByName("dm_on_join");
        if (dm.isPresent()) {
            changes.add(new GuildSettingChange.DmOnJoin(dm.get()));
        }
        Optional<Boolean> enabled = sub.getArgumentBooleanValueByName("enabled");
        if (enabled.isPresent()) {
            changes.add(new GuildSettingChange.Enabled(enabled.get()));
        }
        Optional<Boolean> verifyOnJoin = sub.getArgumentBooleanValueByName("verify_on_join");
        if (verifyOnJoin.isPresent()) {
            changes.add(new GuildSettingChange.VerifyOnJoin(verifyOnJoin.get()));
        }
        Optional<Boolean> kickOnFailure = sub.getArgumentBooleanValueByName("kick_on_failure");
        Optional<Long> kickAfter = sub.getArgumentLongValueByName("kick_after");
        if (kickOnFailure.equals(Optional.of(false)) && kickAfter.isPresent()) {
            return Replies.kickConflict();
        }
        if (kickAfter.isPresent() && (kickAfter.get() < 1 || kickAfter.get() > KickPolicy.MAX_KICK_AFTER)) {
            return Replies.kickAfterOutOfRange();
        }
        if (logChannel.isPresent()) {
            changes.add(new GuildSettingChange.LogChannel(Optional.of(new ChannelId(logChannel.get()))));
        } else if (clearLogChannel) {
            changes.add(new GuildSettingChange.LogChannel(Optional.empty()));
        }

        Optional<String> tenantText = sub.getArgumentStringValueByName("tenant");
        if (tenantText.isPresent()) {
            TenantId tenant;
            try {
                tenant = new TenantId(tenantText.get());
            } catch (IllegalArgumentException e) {
                return Replies.invalidTenant(e.getMessage());
            }
            AdministerGuild.BindResult bound = ports.administration().bind(new BindCommand(guild, tenant, Authority.GUILD_ADMIN));
            if (!(bound instanceof AdministerGuild.Bound)) {
                return Replies.bind(bound);
            }
        }
        if (kickAfter.isPresent()) {
            changes.add(new GuildSettingChange.Kick(KickPolicy.after(kickAfter.get().intValue())));
        } else if (kickOnFailure.isPresent()) {
            changes.add(new GuildSettingChange.Kick(kickOnFailure.get() ? currentKicking(guild) : KickPolicy.never()));
        }
        AdministerGuild.ConfigureResult configured = ports.administration().configure(new ConfigureCommand(guild, changes));
        if (configured instanceof AdministerGuild.Configured done) {
            return Replies.setupDone(done.settings(), SetupCheck.warnings(done.settings(), facts(server, done.settings())));
        }
        if (configured instanceof GuildNotSetUp) {
            return Replies.setupNeedsTenant();
        }
        return Replies.SERVICE_UNAVAILABLE;
    }

    /** Kicking as set now if the server kicks already (keeps its count), else after the default count. */
    private KickPolicy currentKicking(GuildId guild) {
        AdministerGuild.StatusResult status = ports.administration().status(guild);
        if (status instanceof AdministerGuild.GuildStatus found && found.settings().kickPolicy().kicks()) {
            return found.settings().kickPolicy();
        }
        return KickPolicy.after(KickPolicy.DEFAULT_KICK_AFTER);
    }

    private String question(GuildId guild, SlashCommandInteractionOption sub) {
        Optional<String> text = sub.getArgumentStringValueByName("text");
        Optional<String> answers = sub.getArgumentStringValueByName("answers");
        boolean clear = sub.getArgumentBooleanValueByName("clear").orElse(false);
        AdministerGuild admin = ports.administration();
        if (clear && (text.isPresent() || answers.isPresent())) {
            return Replies.questionConflict();
        }
        if (!clear && text.isEmpty() && answers.isEmpty()) {
            return Replies.question(admin.status(guild));
        }
        Optional<VerificationQuestion> question = Optional.empty();
        if (!clear) {
            if (text.isEmpty() || answers.isEmpty()) {
                return Replies.questionNeedsBoth();
            }
            List<String> accepted = VerificationQuestion.splitAnswers(answers.get());
            if (accepted.isEmpty()) {
                return Replies.questionNeedsBoth();
            }
            try {
                question = Optional.of(new VerificationQuestion(text.get(), accepted));
            } catch (IllegalArgumentException e) {
                return Replies.questionRefused(e.getMessage());
            }
        }
        AdministerGuild.ConfigureResult configured = admin.configure(ConfigureCommand.of(guild, new GuildSettingChange.OwnQuestion(question)));
        if (configured instanceof AdministerGuild.Configured) {
            return (clear ? "Removed this server's question.\n" : "Saved this server's question.\n") + Replies.question(admin.status(guild));
        }
        if (configured instanceof GuildNotSetUp) {
            return Replies.setupNeedsTenant();
        }
        return Replies.SERVICE_UNAVAILABLE;
    }

    /** The admin who asked to clear the wrong-answer log pressed Delete or Cancel. */
    private void answersDecision(ButtonInteraction interaction, long askingAdmin, boolean clear) {
        Optional<Server> server = interaction.getServer();
        User user = interaction.getUser();
        if (server.isEmpty()) {
            return;
        }
        if (user.getId() != askingAdmin || !isAdmin(server.get(), user)) {
            replyNow(interaction, Replies.onlyTheAskingAdmin());
            return;
        }
        if (!clear) {
            interaction.createOriginalMessageUpdater().setContent(Replies.answersKept()).removeAllComponents()
                    .setAllowedMentions(NO_MENTIONS).update().exceptionally(e -> failed("keeping the wrong-answer log", e));
            return;
        }
        GuildId guild = new GuildId(server.get().getId());
        Acknowledgement.race(interaction, work, budget,
                () -> guarded(() -> ports.wrongAnswers().clear(guild), new ServiceUnavailable()), new ServiceUnavailable(),
                result -> interaction.createOriginalMessageUpdater().setContent(Replies.clearAnswers(result)).removeAllComponents()
                        .setAllowedMentions(NO_MENTIONS).update().exceptionally(e -> failed("clearing the wrong-answer log", e)),
                (updater, result) -> edit(updater, Replies.clearAnswers(result)));
    }

    // ---- Discord facts -----------------------------------------------------------------------------

    static boolean isAdmin(Server server, User user) {
        return server.isOwner(user) || server.hasAnyPermission(user, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_SERVER);
    }

    static SetupCheck.Facts facts(Server server, GuildSettings settings) {
        User bot = server.getApi().getYourself();
        Optional<SetupCheck.RoleFacts> verified = settings.verifiedRole()
                .flatMap(r -> server.getRoleById(r.value()))
                .map(Interactions::roleFacts);
        return new SetupCheck.Facts(
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_ROLES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_NICKNAMES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_MESSAGES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.KICK_MEMBERS),
                botTopPosition(server), verified);
    }

    private static SetupCheck.RoleFacts roleFacts(Role role) {
        return new SetupCheck.RoleFacts(role.getName(), role.getPosition(), role.isEveryoneRole(), role.isManaged());
    }

    private static int botTopPosition(Server server) {
        return server.getHighestRole(server.getApi().getYourself()).map(Role::getPosition).orElse(0);
    }

    private static boolean inTextChannel(InteractionBase interaction) {
        return interaction.getChannel().flatMap(c -> c.asServerTextChannel()).isPresent();
    }

    private static Optional<Long> idOption(SlashCommandInteractionOption sub, String name) {
        return sub.getArgumentStringRepresentationValueByName(name).map(Long::parseUnsignedLong);
    }

    /** An immediate ephemeral answer, for refusals that need no core call. */
    static void replyNow(InteractionBase interaction, String text) {
        interaction.createImmediateResponder().setContent(text).setFlags(MessageFlag.EPHEMERAL).setAllowedMentions(NO_MENTIONS)
                .respond().exceptionally(e -> failed("answer", e));
    }

    static <R> R guarded(Supplier<R> call, R unavailable) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the core failed", e);
            return unavailable;
        }
    }

    static CompletableFuture<?> edit(InteractionOriginalResponseUpdater updater, String text) {
        return updater.setContent(text).setAllowedMentions(NO_MENTIONS).update()
                .exceptionally(e -> failed("reply edit", e));
    }

    static <T> T failed(String what, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "Discord call failed: " + what, e);
        return null;
    }
}
