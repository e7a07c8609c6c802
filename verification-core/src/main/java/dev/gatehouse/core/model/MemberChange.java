package dev.gatehouse.core.model;

import java.util.Objects;

/** One change to a member on the chat platform. */
public sealed interface MemberChange {

    /**
     * Add a role (per-role endpoint, never a whole role list).
     *
     * @param role the role to add
     */
    record GrantRole(RoleId role) implements MemberChange {
        public GrantRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * Remove a role.
     *
     * @param role the role to remove
     */
    record RevokeRole(RoleId role) implements MemberChange {
        public RevokeRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * Set the server nickname, already cut to Discord's 32 characters.
     *
     * @param nickname the nickname, at most 32 characters
     */
    record SetNickname(String nickname) implements MemberChange {
        public SetNickname {
            Texts.requireText("nickname", nickname, DisplayName.NICKNAME_LENGTH);
        }
    }

    /** Remove the server nickname Gatehouse set. */
    record ResetNickname() implements MemberChange {
    }

    /**
     * Send the member a direct message; one the member doesn't accept (closed DMs) is dropped, not retried.
     *
     * @param notice what to tell the member
     */
    record Notify(MemberNotice notice) implements MemberChange {
        public Notify {
            Objects.requireNonNull(notice, "notice");
        }
    }

    /** Remove the member from the server (they may join again); the update's reason goes to the audit log. */
    record Kick() implements MemberChange {
    }
}
