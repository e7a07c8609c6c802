package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import java.util.Objects;

/**
 * A member joined a server: restore role and nickname if linked, else maybe offer verification or explain
 * {@code /verify}. Servers with verification switched off only restore access.
 */
public interface WelcomeMembers {

    /**
     * Restores a linked member's role and nickname (queued in the outbox) or says how to offer verification.
     *
     * @param command who joined where
     * @return what to do about the member
     */
    JoinResult joined(JoinCommand command);

    /**
     * {@code member} joined {@code guild}.
     *
     * @param guild the server
     * @param member who joined
     */
    record JoinCommand(GuildId guild, DiscordUserId member) {
        public JoinCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(member, "member");
        }
    }

    /** What to do about a member who joined. */
    sealed interface JoinResult permits AccessRestored, OfferVerification, SendVerifyHint, NothingToDo, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * Already linked in the tenant: role and nickname are queued.
     *
     * @param link the member's link
     */
    record AccessRestored(Link link) implements JoinResult {
        public AccessRestored {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * Not linked and the server verifies on join: DM the member a way to start verifying right away (the
     * caller offers a button that runs the same request as {@code /verify}).
     *
     * @param tenantName the organisation's name, for the message
     */
    record OfferVerification(String tenantName) implements JoinResult {
        public OfferVerification {
            Objects.requireNonNull(tenantName, "tenantName");
        }
    }

    /**
     * Not linked and the server wants joiners told about {@code /verify} by DM.
     *
     * @param tenantName the organisation's name, for the message
     */
    record SendVerifyHint(String tenantName) implements JoinResult {
        public SendVerifyHint {
            Objects.requireNonNull(tenantName, "tenantName");
        }
    }

    /** Not linked and no DM wanted. */
    record NothingToDo() implements JoinResult {
    }
}
