package dev.gatehouse.discord;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.LinkCommand;
import dev.gatehouse.core.port.in.AdministerGuild.MembersQuery;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.api.listener.interaction.ButtonClickListener;
import org.javacord.api.listener.interaction.SlashCommandCreateListener;

/**
 * Answers {@code /verify}, {@code /unverify} (and its button) and {@code /gatehouse}. Runs on Javacord's
 * listener threads only long enough to acknowledge: core calls happen on the bot's own executor, and the
 * deferred ephemeral reply is edited with the result.
 */
final class Interactions implements SlashCommandCreateListener, ButtonClickListener {
    private static final System.Logger LOG = System.getLogger(Interactions.class.getName());
    static final AllowedMentions NO_MENTIONS = new AllowedMentionsBuilder().build();

    private final BotPorts ports;
    private final BotSettings settings;
    private final Executor work;
    private final Runnable deliverSoon;

    Interactions(BotPorts ports, BotSettings settings, Executor work, Runnable deliverSoon) {
        this.ports = ports;
        this.settings = settings;
        this.work = work;
        this.deliverSoon = deliverSoon;
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
            case Commands.VERIFY -> verify(interaction, server.get());
            case Commands.UNVERIFY -> interaction.createImmediateResponder()
                    .setContent(Replies.unverifyPrompt())
                    .addComponents(ActionRow.of(Button.danger(Commands.UNVERIFY_BUTTON, Replies.unverifyButton())))
                    .setFlags(org.javacord.api.entity.message.MessageFlag.EPHEMERAL)
                    .setAllowedMentions(NO_MENTIONS)
                    .respond().exceptionally(e -> failed("/unverify prompt", e));
            case Commands.GATEHOUSE -> administer(interaction, server.get());
            default -> LOG.log(System.Logger.Level.DEBUG, "ignoring unknown command /" + interaction.getCommandName());
        }
    }

    @Override
    public void onButtonClick(ButtonClickEvent event) {
        ButtonInteraction interaction = event.getButtonInteraction();
        if (!Commands.UNVERIFY_BUTTON.equals(interaction.getCustomId()) || interaction.getServer().isEmpty()) {
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

    // ---- /verify ---------------------------------------------------------------------------------

    private void verify(SlashCommandInteraction interaction, Server server) {
        User user = interaction.getUser();
        String typed = interaction.getArgumentStringValueByName("user_id").orElse("");
        RequestCommand command = new RequestCommand(new GuildId(server.getId()), server.getName(),
                new DiscordAccount(new DiscordUserId(user.getId()), user.getName()), typed);
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            RequestVerification.RequestResult result = guarded(() -> ports.verification().request(command),
                    new ServiceUnavailable());
            CompletableFuture<?> answered = edit(updater, Replies.verify(result));
            if (result instanceof LinkSent sent) {
                answered.handle((message, e) -> null)
                        .thenCompose(ignored -> sent.delivery().toCompletableFuture()
                                .handle((delivery, e) -> e == null ? Replies.delivery(delivery) : Optional.of(Replies.deliveryUnknown())))
                        .thenAcceptAsync(text -> text.ifPresent(t -> edit(updater, t)), work)
                        .exceptionally(e -> failed("/verify delivery notice", e));
            }
        }, work).exceptionally(e -> failed("/verify", e));
    }

    // ---- /gatehouse ------------------------------------------------------------------------------

    private void administer(SlashCommandInteraction interaction, Server server) {
        User user = interaction.getUser();
        if (!isAdmin(server, user)) {
            interaction.createImmediateResponder().setContent(Replies.notAllowed())
                    .setFlags(org.javacord.api.entity.message.MessageFlag.EPHEMERAL)
                    .setAllowedMentions(NO_MENTIONS).respond().exceptionally(e -> failed("/gatehouse refusal", e));
            return;
        }
        Optional<SlashCommandInteractionOption> sub = interaction.getOptions().stream().findFirst();
        if (sub.isEmpty()) {
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
                AdministerGuild.LinkResult result = admin.link(new LinkCommand(guild, member, userId, new DiscordUserId(actor.getId())));
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
        ConfigureCommand configure = ConfigureCommand.of(guild);
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
            configure = configure.withVerifiedRole(new RoleId(roleId.get()));
        }
        Optional<Boolean> gate = sub.getArgumentBooleanValueByName("gate");
        if (gate.isPresent()) {
            configure = configure.withGateMessages(gate.get());
        }
        Optional<Boolean> nickname = sub.getArgumentBooleanValueByName("nickname");
        if (nickname.isPresent()) {
            configure = configure.withSetNickname(nickname.get());
        }
        Optional<Boolean> dm = sub.getArgumentBooleanValueByName("dm_on_join");
        if (dm.isPresent()) {
            configure = configure.withDmOnJoin(dm.get());
        }
        if (logChannel.isPresent()) {
            configure = configure.withLogChannel(Optional.of(new ChannelId(logChannel.get())));
        } else if (clearLogChannel) {
            configure = configure.withLogChannel(Optional.empty());
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
        AdministerGuild.ConfigureResult configured = ports.administration().configure(configure);
        if (configured instanceof AdministerGuild.Configured done) {
            return Replies.setupDone(done.settings(), SetupCheck.warnings(done.settings(), facts(server, done.settings())));
        }
        if (configured instanceof GuildNotSetUp) {
            return Replies.setupNeedsTenant();
        }
        return Replies.SERVICE_UNAVAILABLE;
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

    private static <R> R guarded(Supplier<R> call, R unavailable) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the core failed", e);
            return unavailable;
        }
    }

    private static CompletableFuture<?> edit(InteractionOriginalResponseUpdater updater, String text) {
        return updater.setContent(text).setAllowedMentions(NO_MENTIONS).update()
                .exceptionally(e -> failed("reply edit", e));
    }

    private static <T> T failed(String what, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "Discord call failed: " + what, e);
        return null;
    }
}
