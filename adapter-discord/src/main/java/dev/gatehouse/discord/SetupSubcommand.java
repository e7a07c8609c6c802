package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.BindingNotAllowed;
import dev.gatehouse.core.port.in.AdministerGuild.BoundToAnotherTenant;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.TenantNotFound;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * {@code /gatehouse setup}: binds the server to a tenant (the first time) and changes the options given, refusing
 * contradictory ones and roles the bot can't grant; answers with the settings and what still needs fixing.
 */
final class SetupSubcommand implements GatehouseSubcommand {
    static final String NAME = "setup";
    static final String TENANT = "tenant";
    static final String ROLE = "role";
    static final String ENABLED = "enabled";
    static final String VERIFY_ON_JOIN = "verify_on_join";
    static final String KICK_ON_FAILURE = "kick_on_failure";
    static final String KICK_AFTER = "kick_after";
    static final String GATE = "gate";
    static final String NICKNAME = "nickname";
    static final String DM_ON_JOIN = "dm_on_join";
    static final String LOG_CHANNEL = "log_channel";
    static final String CLEAR_LOG_CHANNEL = "clear_log_channel";
    static final String REMOVE_UNVERIFIED_AFTER = "remove_unverified_after";

    private final BotContext context;

    SetupSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("setup.description"), List.of(
                SlashCommandOption.createStringOption(TENANT, text("setup.option.tenant"), false),
                SlashCommandOption.createRoleOption(ROLE, text("setup.option.role"), false),
                SlashCommandOption.createBooleanOption(ENABLED, text("setup.option.enabled"), false),
                SlashCommandOption.createBooleanOption(VERIFY_ON_JOIN, text("setup.option.verifyOnJoin"), false),
                SlashCommandOption.createBooleanOption(KICK_ON_FAILURE, text("setup.option.kickOnFailure"), false),
                SlashCommandOption.createLongOption(KICK_AFTER, text("setup.option.kickAfter", KickPolicy.WINDOW_HOURS),
                        false, 1, KickPolicy.MAX_KICK_AFTER),
                SlashCommandOption.createBooleanOption(GATE, text("setup.option.gate"), false),
                SlashCommandOption.createBooleanOption(NICKNAME, text("setup.option.nickname"), false),
                SlashCommandOption.createBooleanOption(DM_ON_JOIN, text("setup.option.dmOnJoin"), false),
                SlashCommandOption.createChannelOption(LOG_CHANNEL, text("setup.option.logChannel"), false,
                        List.of(ChannelType.SERVER_TEXT_CHANNEL)),
                SlashCommandOption.createBooleanOption(CLEAR_LOG_CHANNEL, text("setup.option.clearLogChannel"), false),
                SlashCommandOption.createStringOption(REMOVE_UNVERIFIED_AFTER, text("setup.option.removeUnverifiedAfter"), false)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> setup(request));
    }

    private String setup(AdminRequest request) {
        Server server = request.server();
        GuildId guild = request.guild();
        AdministerGuild admin = context.ports().administration();
        List<GuildSettingChange> changes = new ArrayList<>();
        Optional<Long> logChannel = request.snowflake(LOG_CHANNEL);
        boolean clearLogChannel = request.flag(CLEAR_LOG_CHANNEL).orElse(false);
        if (logChannel.isPresent() && clearLogChannel) {
            return text("setup.logChannelConflict", LOG_CHANNEL, CLEAR_LOG_CHANNEL);
        }
        Optional<Long> roleId = request.snowflake(ROLE);
        if (roleId.isPresent()) {
            Optional<Role> role = server.getRoleById(roleId.get());
            if (role.isEmpty()) {
                return roleNotUsable(roleId.get().toString(), text("setup.roleNotUsable.missing"));
            }
            Optional<String> unusable = SetupCheck.unusableRole(ServerFacts.role(role.get()), ServerFacts.botTopPosition(server));
            if (unusable.isPresent()) {
                return roleNotUsable(role.get().getName(), unusable.get());
            }
            changes.add(new GuildSettingChange.VerifiedRole(new RoleId(roleId.get())));
        }
        Optional<Boolean> gate = request.flag(GATE);
        if (gate.isPresent()) {
            changes.add(new GuildSettingChange.GateMessages(gate.get()));
        }
        Optional<Boolean> nickname = request.flag(NICKNAME);
        if (nickname.isPresent()) {
            changes.add(new GuildSettingChange.SetNickname(nickname.get()));
        }
        Optional<Boolean> dm = request.flag(DM_ON_JOIN);
        if (dm.isPresent()) {
            changes.add(new GuildSettingChange.DmOnJoin(dm.get()));
        }
        Optional<Boolean> enabled = request.flag(ENABLED);
        if (enabled.isPresent()) {
            changes.add(new GuildSettingChange.Enabled(enabled.get()));
        }
        Optional<Boolean> verifyOnJoin = request.flag(VERIFY_ON_JOIN);
        if (verifyOnJoin.isPresent()) {
            changes.add(new GuildSettingChange.VerifyOnJoin(verifyOnJoin.get()));
        }
        Optional<Boolean> kickOnFailure = request.flag(KICK_ON_FAILURE);
        Optional<Long> kickAfter = request.number(KICK_AFTER);
        if (kickOnFailure.equals(Optional.of(false)) && kickAfter.isPresent()) {
            return text("setup.kickConflict", KICK_AFTER, KICK_ON_FAILURE);
        }
        if (kickAfter.isPresent() && (kickAfter.get() < 1 || kickAfter.get() > KickPolicy.MAX_KICK_AFTER)) {
            return text("setup.kickAfterOutOfRange", KICK_AFTER, KickPolicy.MAX_KICK_AFTER);
        }
        Optional<String> removeAfter = request.string(REMOVE_UNVERIFIED_AFTER);
        Optional<UnverifiedRemoval> removal = removeAfter.flatMap(UnverifiedRemoval::parse);
        if (removeAfter.isPresent() && removal.isEmpty()) {
            return text("setup.removeUnverifiedInvalid", REMOVE_UNVERIFIED_AFTER, escape(removeAfter.get()));
        }
        removal.ifPresent(r -> changes.add(new GuildSettingChange.RemoveUnverified(r)));
        if (logChannel.isPresent()) {
            changes.add(new GuildSettingChange.LogChannel(Optional.of(new ChannelId(logChannel.get()))));
        } else if (clearLogChannel) {
            changes.add(new GuildSettingChange.LogChannel(Optional.empty()));
        }

        Optional<String> tenantText = request.string(TENANT);
        if (tenantText.isPresent()) {
            TenantId tenant;
            try {
                tenant = new TenantId(tenantText.get());
            } catch (IllegalArgumentException e) {
                return text("setup.invalidTenant", escape(e.getMessage()));
            }
            AdministerGuild.BindResult bound = admin.bind(new BindCommand(guild, tenant, Authority.GUILD_ADMIN));
            if (!(bound instanceof AdministerGuild.Bound)) {
                return bind(bound);
            }
        }
        if (kickAfter.isPresent()) {
            changes.add(new GuildSettingChange.Kick(KickPolicy.after(kickAfter.get().intValue())));
        } else if (kickOnFailure.isPresent()) {
            changes.add(new GuildSettingChange.Kick(kickOnFailure.get() ? currentKicking(guild) : KickPolicy.never()));
        }
        AdministerGuild.ConfigureResult configured = admin.configure(new ConfigureCommand(guild, changes));
        if (configured instanceof AdministerGuild.Configured done) {
            String reply = done(done.settings(), SetupCheck.warnings(done.settings(), ServerFacts.of(server, done.settings())));
            if (removal.filter(UnverifiedRemoval::removes).isPresent()) {
                // members already here count from now; the ones who join later, from joining
                Optional<Integer> counted = MemberJoins.present(context.ports().unverifiedMembers(), server);
                reply = CommonReplies.limit(reply + "\n\n" + counted.map(n -> text("setup.membersCounted", n))
                        .orElse(CommonReplies.serviceUnavailable()));
            }
            return reply;
        }
        if (configured instanceof GuildNotSetUp) {
            return GatehouseCommand.needsTenant();
        }
        return CommonReplies.serviceUnavailable();
    }

    /** Kicking as set now if the server kicks already (keeps its count), else after the default count. */
    private KickPolicy currentKicking(GuildId guild) {
        AdministerGuild.StatusResult status = context.ports().administration().status(guild);
        if (status instanceof AdministerGuild.GuildStatus found && found.settings().kickPolicy().kicks()) {
            return found.settings().kickPolicy();
        }
        return KickPolicy.after(KickPolicy.DEFAULT_KICK_AFTER);
    }

    static String roleNotUsable(String roleName, String why) {
        return text("setup.roleNotUsable", escape(roleName), why);
    }

    /** Why the server couldn't be bound; empty once bound. */
    static String bind(AdministerGuild.BindResult result) {
        if (result instanceof AdministerGuild.Bound) {
            return "";
        }
        if (result instanceof TenantNotFound notFound) {
            return text("setup.tenantNotFound", code(notFound.tenant().value()));
        }
        if (result instanceof BindingNotAllowed notAllowed) {
            return text("setup.bindingNotAllowed", code(notAllowed.tenant().value()));
        }
        if (result instanceof BoundToAnotherTenant other) {
            return text("setup.boundToAnotherTenant", code(other.current().value()));
        }
        return CommonReplies.common(result);
    }

    /** The reply to a successful setup: the settings, then what still needs fixing. */
    static String done(GuildSettings settings, List<SetupCheck.Warning> warnings) {
        return CommonReplies.limit(text("setup.done") + "\n" + CommonReplies.settings(settings) + CommonReplies.warningLines(warnings));
    }
}
