package org.example.javacord;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.VerificationMailer;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;

/** A Javacord bot embedding Gatehouse: the constructor and {@link #apply} are all the wiring (Javacord waits out rate limits itself). */
final class JavacordHostBot implements AutoCloseable {
    private final Gatehouse gatehouse;

    JavacordHostBot(DiscordApi api, VerificationMailer mailer) {
        gatehouse = Gatehouse.builder().publicBaseUrl(URI.create("https://verify.example.org")).mailer(mailer)
                .asyncMemberAccess(update -> apply(api.getServerById(update.guild().value()), update))
                .build();
    }

    static CompletionStage<AccessOutcome> apply(Optional<Server> server, MemberUpdate update) {
        Optional<User> member = server.flatMap(s -> s.getMemberById(update.member().value()));
        Optional<Role> role = update.change() instanceof MemberChange.GrantRole grant ? server.flatMap(s -> s.getRoleById(grant.role().value()))
                : update.change() instanceof MemberChange.RevokeRole revoke ? server.flatMap(s -> s.getRoleById(revoke.role().value())) : Optional.empty();
        CompletableFuture<Void> done;
        if (member.isEmpty() || role.isEmpty() && (update.change() instanceof MemberChange.GrantRole || update.change() instanceof MemberChange.RevokeRole)) {
            return CompletableFuture.completedFuture(new AccessOutcome.Impossible("member or role gone"));
        } else if (update.change() instanceof MemberChange.GrantRole) {
            done = server.get().addRoleToUser(member.get(), role.get());
        } else if (update.change() instanceof MemberChange.RevokeRole) {
            done = server.get().removeRoleFromUser(member.get(), role.get());
        } else {
            done = update.change() instanceof MemberChange.SetNickname set ? server.get().updateNickname(member.get(), set.nickname())
                    : server.get().resetNickname(member.get());
        }
        return done.thenApply(nothing -> AccessOutcome.applied());
    }

    /** {@code /verify}, called from the slash-command listener after a deferred ephemeral reply, off Javacord's thread. */
    RequestResult onVerify(Server server, User user, String typedId) {
        return gatehouse.requestVerification().request(new RequestCommand(new GuildId(server.getId()), server.getName(),
                new DiscordAccount(new DiscordUserId(user.getId()), user.getName()), typedId));
    }

    Gatehouse gatehouse() {
        return gatehouse;
    }

    @Override
    public void close() {
        gatehouse.close();
    }
}
