package dev.gatehouse.discord.fake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A server in the fake Discord: its roles (with positions and permissions), channels and members. Set it up
 * before the client logs in; the fake changes members' roles and nicknames as the client's REST calls ask,
 * refusing what real Discord refuses (roles at or above the bot's top role, the owner's nickname).
 * Thread-safe.
 */
public final class FakeGuild {

    /** Channel types as Discord numbers them. */
    public enum ChannelType {
        TEXT(0), VOICE(2), CATEGORY(4), ANNOUNCEMENT(5), STAGE(13), FORUM(15);

        final int code;

        ChannelType(int code) {
            this.code = code;
        }
    }

    /** A role: the {@code @everyone} role has the server's id and position 0. */
    public record Role(long id, String name, int position, long permissions) {
    }

    public record Channel(long id, String name, ChannelType type) {
    }

    /** A member's state as the fake holds it now. */
    public record Member(long userId, Set<Long> roles, Optional<String> nickname) {
    }

    private final FakeDiscord discord;
    private final long id;
    private final String name;
    private final long ownerId;
    private final Map<Long, Role> roles = new LinkedHashMap<>();
    private final Map<Long, Channel> channels = new LinkedHashMap<>();
    private final Map<Long, Set<Long>> memberRoles = new LinkedHashMap<>();
    private final Map<Long, String> nicknames = new LinkedHashMap<>();

    FakeGuild(FakeDiscord discord, long id, String name, long ownerId, long everyonePermissions) {
        this.discord = discord;
        this.id = id;
        this.name = name;
        this.ownerId = ownerId;
        roles.put(id, new Role(id, "@everyone", 0, everyonePermissions));
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long ownerId() {
        return ownerId;
    }

    /** Adds a role; higher positions rank higher. */
    public synchronized FakeGuild role(long roleId, String roleName, int position, long permissions) {
        roles.put(roleId, new Role(roleId, roleName, position, permissions));
        return this;
    }

    public synchronized FakeGuild textChannel(long channelId, String channelName) {
        return channel(channelId, channelName, ChannelType.TEXT);
    }

    public synchronized FakeGuild channel(long channelId, String channelName, ChannelType type) {
        channels.put(channelId, new Channel(channelId, channelName, type));
        return this;
    }

    /** Adds a member (registering the user with the fake if new) holding the given roles. */
    public FakeGuild member(long userId, String username, long... roleIds) {
        discord.user(userId, username);
        synchronized (this) {
            Set<Long> held = new LinkedHashSet<>();
            for (long roleId : roleIds) {
                held.add(roleId);
            }
            memberRoles.put(userId, held);
        }
        return this;
    }

    /** Gives the bot's own member these roles (the bot is a member of every fake server). */
    public synchronized FakeGuild botRoles(long... roleIds) {
        Set<Long> held = memberRoles.computeIfAbsent(discord.botUserId(), k -> new LinkedHashSet<>());
        held.clear();
        for (long roleId : roleIds) {
            held.add(roleId);
        }
        return this;
    }

    /** A member's roles and nickname now, or empty if not a member. */
    public synchronized Optional<Member> memberState(long userId) {
        Set<Long> held = memberRoles.get(userId);
        if (held == null) {
            return Optional.empty();
        }
        return Optional.of(new Member(userId, Set.copyOf(held), Optional.ofNullable(nicknames.get(userId))));
    }

    public synchronized boolean hasRole(long userId, long roleId) {
        return memberRoles.getOrDefault(userId, Set.of()).contains(roleId);
    }

    public synchronized List<Role> roles() {
        return List.copyOf(roles.values());
    }

    public synchronized List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    public synchronized Optional<Channel> channel(long channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    public synchronized Set<Long> memberIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(memberRoles.keySet()));
    }

    /** The member's permissions as Discord computes them at server level (owner and administrators get all). */
    public synchronized long permissionsOf(long userId) {
        if (userId == ownerId) {
            return FakeDiscord.Permissions.ALL;
        }
        long permissions = roles.get(id).permissions();
        for (long roleId : memberRoles.getOrDefault(userId, Set.of())) {
            Role role = roles.get(roleId);
            if (role != null) {
                permissions |= role.permissions();
            }
        }
        return (permissions & FakeDiscord.Permissions.ADMINISTRATOR) != 0 ? FakeDiscord.Permissions.ALL : permissions;
    }

    synchronized int topPosition(long userId) {
        int top = 0;
        for (long roleId : memberRoles.getOrDefault(userId, Set.of())) {
            Role role = roles.get(roleId);
            if (role != null) {
                top = Math.max(top, role.position());
            }
        }
        return top;
    }

    synchronized boolean isMember(long userId) {
        return memberRoles.containsKey(userId);
    }

    synchronized Optional<Role> role(long roleId) {
        return Optional.ofNullable(roles.get(roleId));
    }

    synchronized void addMember(long userId) {
        memberRoles.putIfAbsent(userId, new LinkedHashSet<>());
    }

    synchronized void removeMember(long userId) {
        memberRoles.remove(userId);
        nicknames.remove(userId);
    }

    synchronized void grant(long userId, long roleId) {
        memberRoles.get(userId).add(roleId);
    }

    synchronized void revoke(long userId, long roleId) {
        memberRoles.get(userId).remove(roleId);
    }

    synchronized void nickname(long userId, String nickname) {
        if (nickname == null || nickname.isEmpty()) {
            nicknames.remove(userId);
        } else {
            nicknames.put(userId, nickname);
        }
    }

    synchronized List<Long> rolesOf(long userId) {
        return new ArrayList<>(memberRoles.getOrDefault(userId, Set.of()));
    }

    synchronized Optional<String> nicknameOf(long userId) {
        return Optional.ofNullable(nicknames.get(userId));
    }
}
