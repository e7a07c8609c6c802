package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationQuestion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What server admins and operators do: bind a server to a tenant, set its role and options, look at its
 * status, look up, link and unlink members, list them. Members use {@link #unlink} on themselves for
 * {@code /unverify}. Callers check Discord permissions; the core checks tenant rules.
 */
public interface AdministerGuild {

    /**
     * Binds a server to a tenant; the tenant's rules say whether a server admin may.
     *
     * @param command which server, which tenant, by whom
     * @return how it ended
     */
    BindResult bind(BindCommand command);

    /**
     * Ends a server's binding (the operator's act); its members keep their links in the tenant.
     *
     * @param guild the server
     * @return whether it was unbound, or why not
     */
    UnbindResult unbind(GuildId guild);

    /**
     * The servers bound to a tenant, ordered by guild id (answered from memory where the store caches them).
     *
     * @param tenant the tenant
     * @return the servers' settings
     */
    List<GuildSettings> serversOf(TenantId tenant);

    /**
     * Changes a bound server's settings (role, gate, join messages, kicking, log channel…), all or none.
     *
     * @param command the server and its changes
     * @return how it ended
     */
    ConfigureResult configure(ConfigureCommand command);

    /**
     * The server's settings, counts and setup warnings, as {@code /gatehouse status} shows them.
     *
     * @param guild the server
     * @return the status, or why there is none
     */
    StatusResult status(GuildId guild);

    /**
     * Who a member is in the directory of the server's tenant.
     *
     * @param guild the server
     * @param member the Discord user
     * @return the link and the directory user, or why there is none
     */
    WhoisResult whois(GuildId guild, DiscordUserId member);

    /**
     * Links a member to a directory user by an admin's word, without an email, and queues role and nickname.
     *
     * @param command the server, the member and the directory user id
     * @return how it ended
     */
    LinkResult link(LinkMemberCommand command);

    /**
     * Removes a member's link and queues taking role and nickname back in every server of the tenant.
     *
     * @param command the server, the member and who asked
     * @return how it ended
     */
    UnlinkResult unlink(UnlinkCommand command);

    /**
     * One page of the tenant's verified members, for the server's admins.
     *
     * @param query the server and the page
     * @return the page, or why there is none
     */
    MembersResult members(MembersQuery query);

    /** Who is binding: the operator may bind any server to any tenant; server admins only where the tenant allows. */
    enum Authority {
        /** The operator, who may bind any server. */
        OPERATOR,
        /** A server's admin, who may bind only where the tenant lets admins bind. */
        GUILD_ADMIN
    }

    /** Whether a server bound to another tenant may be moved; its members' links stay with the old tenant. */
    enum Rebinding {
        /** Refuse to bind a server already bound to another tenant. */
        KEEP_CURRENT_TENANT,
        /** Move the server to the new tenant. */
        MOVE_TO_NEW_TENANT
    }

    /**
     * Binds {@code guild} to {@code tenant}, by the given authority; a server bound elsewhere moves only if {@code rebinding} says so.
     *
     * @param guild the server
     * @param tenant the tenant to bind it to
     * @param authority who is binding
     * @param rebinding whether a server bound elsewhere moves
     */
    record BindCommand(GuildId guild, TenantId tenant, Authority authority, Rebinding rebinding) {
        public BindCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(rebinding, "rebinding");
            if (authority == Authority.GUILD_ADMIN && rebinding == Rebinding.MOVE_TO_NEW_TENANT) {
                throw new IllegalArgumentException("only the operator moves a server to another tenant");
            }
        }

        /**
         * A binding that refuses to move a server already bound elsewhere.
         *
         * @param guild the server
         * @param tenant the tenant to bind it to
         * @param authority who is binding
         */
        public BindCommand(GuildId guild, TenantId tenant, Authority authority) {
            this(guild, tenant, authority, Rebinding.KEEP_CURRENT_TENANT);
        }
    }

    /** How binding ended. */
    sealed interface BindResult permits Bound, TenantNotFound, BindingNotAllowed, BoundToAnotherTenant, ServiceUnavailable {
    }

    /**
     * The server is bound; {@code settings} are its settings now.
     *
     * @param settings the server's settings
     */
    record Bound(GuildSettings settings) implements BindResult {
        public Bound {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * No tenant has that id.
     *
     * @param tenant the id asked for
     */
    record TenantNotFound(TenantId tenant) implements BindResult {
        public TenantNotFound {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * The tenant lets only its operator bind servers.
     *
     * @param tenant the tenant
     */
    record BindingNotAllowed(TenantId tenant) implements BindResult {
        public BindingNotAllowed {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * The server is bound to another tenant: server admins can't move it (its links stay behind); the operator can, by asking to.
     *
     * @param current the tenant the server is bound to
     */
    record BoundToAnotherTenant(TenantId current) implements BindResult {
        public BoundToAnotherTenant {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * Options to change, applied in order; options not named stay as they are.
     *
     * @param guild the server
     * @param changes the changes, in order
     */
    record ConfigureCommand(GuildId guild, List<GuildSettingChange> changes) {
        public ConfigureCommand {
            Objects.requireNonNull(guild, "guild");
            changes = List.copyOf(changes);
        }

        /**
         * The changes for a server, in order.
         *
         * @param guild the server
         * @param changes the changes
         * @return the command
         */
        public static ConfigureCommand of(GuildId guild, GuildSettingChange... changes) {
            return new ConfigureCommand(guild, List.of(changes));
        }
    }

    /** How unbinding ended. */
    sealed interface UnbindResult permits Unbound, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The binding that ended.
     *
     * @param previous the server's settings before
     */
    record Unbound(GuildSettings previous) implements UnbindResult {
        public Unbound {
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** How configuring ended. */
    sealed interface ConfigureResult permits Configured, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The changes were saved; {@code settings} are the server's settings now.
     *
     * @param settings the server's settings
     */
    record Configured(GuildSettings settings) implements ConfigureResult {
        public Configured {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** What {@link #status} found. */
    sealed interface StatusResult permits GuildStatus, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The server's settings, its tenant, counts, the question in force here, and what is missing or inconsistent
     * (verification off, no role, no method set up, a question with no answers, an empty directory).
     *
     * @param settings the server's settings
     * @param tenant its tenant's settings
     * @param linkedMembers how many members the tenant has linked
     * @param directoryUsers how many users the tenant's directory holds
     * @param warnings what keeps the server from verifying anyone, or is inconsistent
     */
    record GuildStatus(GuildSettings settings, TenantSettings tenant, long linkedMembers, long directoryUsers,
                       List<SetupWarning> warnings) implements StatusResult {
        public GuildStatus {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(tenant, "tenant");
            warnings = List.copyOf(warnings);
        }
    }

    /** Who a member is in the tenant's directory. */
    sealed interface WhoisResult permits LinkedTo, NotLinked, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The member's link, if still in the directory the person, and until when the verification holds.
     *
     * @param link the member's link
     * @param user the directory user, if still in the directory
     * @param holdsUntil when the verification lapses under the tenant's verification lifetime; empty if it holds forever
     */
    record LinkedTo(Link link, Optional<DirectoryUser> user, Optional<java.time.Instant> holdsUntil) implements WhoisResult {
        public LinkedTo {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(holdsUntil, "holdsUntil");
        }

        /**
         * A link that holds forever.
         *
         * @param link the member's link
         * @param user the directory user, if still in the directory
         */
        public LinkedTo(Link link, Optional<DirectoryUser> user) {
            this(link, user, Optional.empty());
        }
    }

    /**
     * The member is not linked in this server's tenant.
     *
     * @param member the member
     */
    record NotLinked(DiscordUserId member) implements WhoisResult, UnlinkResult {
        public NotLinked {
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * An admin links {@code member} to the user id as typed.
     *
     * @param guild the server the admin acts in
     * @param member the member to link
     * @param userId the user id as typed
     * @param actor the admin
     */
    record LinkMemberCommand(GuildId guild, DiscordUserId member, String userId, DiscordUserId actor) {
        public LinkMemberCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** How an admin's manual link ended. */
    sealed interface LinkResult permits Linked, InvalidUserId, NoSuchUser, MemberAlreadyLinked, UserAlreadyLinked,
            GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The member is now linked to {@code user}.
     *
     * @param link the new link
     * @param user the directory user
     */
    record Linked(Link link, DirectoryUser user) implements LinkResult {
        public Linked {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * The directory has no user with that id.
     *
     * @param userId the id as typed
     */
    record NoSuchUser(String userId) implements LinkResult {
        public NoSuchUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * The member already holds a link in this tenant (admins may see which).
     *
     * @param existing the member's link
     */
    record MemberAlreadyLinked(Link existing) implements LinkResult {
        public MemberAlreadyLinked {
            Objects.requireNonNull(existing, "existing");
        }
    }

    /**
     * The directory user is linked to another account (admins may see which).
     *
     * @param existing the directory user's link
     */
    record UserAlreadyLinked(Link existing) implements LinkResult {
        public UserAlreadyLinked {
            Objects.requireNonNull(existing, "existing");
        }
    }

    /**
     * Removes {@code member}'s link; {@code actor} is the admin, or the member for {@code /unverify}.
     *
     * @param guild the server
     * @param member the member to unlink
     * @param actor who unlinks
     */
    record UnlinkCommand(GuildId guild, DiscordUserId member, DiscordUserId actor) {
        public UnlinkCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** How unlinking ended. */
    sealed interface UnlinkResult permits Unlinked, NotLinked, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * Unlinked; the role is queued for removal and the nickname for reset in every server of the tenant.
     *
     * @param link the link removed
     */
    record Unlinked(Link link) implements UnlinkResult {
        public Unlinked {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * Page {@code page} (from 0) of {@code pageSize} members.
     *
     * @param guild the server
     * @param page the page, from 0
     * @param pageSize members per page
     */
    record MembersQuery(GuildId guild, int page, int pageSize) {
        public MembersQuery {
            Objects.requireNonNull(guild, "guild");
            if (page < 0) {
                throw new IllegalArgumentException("page numbers start at 0");
            }
            if (pageSize < 1 || pageSize > 100) {
                throw new IllegalArgumentException("a page holds 1 to 100 members");
            }
        }
    }

    /** A page of the server's verified members, or why there is none. */
    sealed interface MembersResult permits MemberPage, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * One page of linked members, with the total for paging.
     *
     * @param members the page's members
     * @param page the page, from 0
     * @param pageSize members per page
     * @param total how many members there are in all
     */
    record MemberPage(List<Member> members, int page, int pageSize, long total) implements MembersResult {
        public MemberPage {
            members = List.copyOf(members);
        }

        /**
         * How many pages of this size the members fill.
         *
         * @return at least 1
         */
        public long pageCount() {
            return Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    /**
     * A linked member and their name from the directory, if still there.
     *
     * @param link the member's link
     * @param user the directory user, if still there
     */
    record Member(Link link, Optional<DirectoryUser> user) {
        public Member {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(user, "user");
        }
    }
}
