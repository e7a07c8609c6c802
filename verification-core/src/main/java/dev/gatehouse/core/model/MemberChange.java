package dev.gatehouse.core.model;

import java.util.Objects;

/** One change to a member on the chat platform. */
public sealed interface MemberChange {

    /** Add a role (per-role endpoint, never a whole role list). */
    record GrantRole(RoleId role) implements MemberChange {
        public GrantRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /** Remove a role. */
    record RevokeRole(RoleId role) implements MemberChange {
        public RevokeRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /** Set the server nickname, already cut to Discord's 32 characters. */
    record SetNickname(String nickname) implements MemberChange {
        public SetNickname {
            Texts.requireText("nickname", nickname, DisplayName.NICKNAME_LENGTH);
        }
    }

    /** Remove the server nickname Gatehouse set. */
    record ResetNickname() implements MemberChange {
    }
}
