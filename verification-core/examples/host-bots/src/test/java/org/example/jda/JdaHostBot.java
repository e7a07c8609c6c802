package org.example.jda;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.requests.RestAction;

/** A JDA bot embedding Gatehouse: the constructor and {@link #apply} are all the wiring (JDA waits out rate limits itself). */
final class JdaHostBot implements AutoCloseable {
    private final Gatehouse gatehouse;

    JdaHostBot(JDA jda, VerificationMailer mailer) {
        gatehouse = Gatehouse.builder().publicBaseUrl(URI.create("https://verify.example.org")).mailer(mailer)
                .asyncMemberAccess(update -> apply(jda.getGuildById(update.guild().value()), update))
                .build();
    }

    static CompletionStage<AccessOutcome> apply(Guild guild, MemberUpdate update) {
        Member member = guild == null ? null : guild.getMemberById(update.member().value());
        if (member == null) {
            return CompletableFuture.completedFuture(new AccessOutcome.Impossible("not in that server any more"));
        }
        RestAction<Void> action;
        if (update.change() instanceof MemberChange.GrantRole grant && guild.getRoleById(grant.role().value()) != null) {
            action = guild.addRoleToMember(member, guild.getRoleById(grant.role().value()));
        } else if (update.change() instanceof MemberChange.RevokeRole revoke && guild.getRoleById(revoke.role().value()) != null) {
            action = guild.removeRoleFromMember(member, guild.getRoleById(revoke.role().value()));
        } else if (update.change() instanceof MemberChange.SetNickname || update.change() instanceof MemberChange.ResetNickname) {
            action = member.modifyNickname(update.change() instanceof MemberChange.SetNickname set ? set.nickname() : null);
        } else {
            return CompletableFuture.completedFuture(new AccessOutcome.Impossible("the role was deleted"));
        }
        return action.submit().thenApply(done -> AccessOutcome.applied());
    }

    /** {@code /verify}, called from the slash-command listener after {@code deferReply(true)}, off JDA's event thread. */
    RequestResult onVerify(Guild guild, User user, String typedId) {
        return gatehouse.requestVerification().request(new RequestCommand(new GuildId(guild.getIdLong()), guild.getName(),
                new DiscordAccount(new DiscordUserId(user.getIdLong()), user.getName()), typedId));
    }

    Gatehouse gatehouse() {
        return gatehouse;
    }

    @Override
    public void close() {
        gatehouse.close();
    }
}
