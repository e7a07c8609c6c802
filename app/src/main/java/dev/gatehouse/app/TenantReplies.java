package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.text.Durations;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationLifetime;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.text.Durations;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.web.IdentityProviderCheck;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeRefused;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeResult;
import dev.gatehouse.core.port.in.AdministerTenants.TenantChanged;
import dev.gatehouse.core.port.in.AdministerTenants.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerTenants.TenantOverview;
import java.util.Locale;
import java.io.PrintStream;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.function.Consumer;

/** The texts the tenant commands share: a tenant's settings in one line, and the outcome of a change. */
final class TenantReplies {
    private TenantReplies() {
    }

    static String summary(TenantSettings t) {
        return String.format("Tenant %s (%s): links live %d min, unknown ids %s, relink %s, servers bound by %s, records kept %d days, "
                + "emails in %s unless the member's language is known, times in %s, verifications hold %s",
                t.id(), t.displayName(), t.sessionLifetime().toMinutes(),
                t.unknownUserReply() == UnknownUserReply.SAME_AS_KNOWN ? "hidden" : "revealed",
                t.relinkPolicy() == RelinkPolicy.REFUSE ? "refused" : "allowed",
                t.guildBinding() == GuildBindingPolicy.OPERATOR_ONLY ? "the operator only" : "server admins too",
                t.retention().toDays(), t.defaultLanguage().toLanguageTag(), t.timeZone().getId(), describeLifetime(t));
    }

    /** "forever", "30 days (reminder 7 days before)", "until the end of 30 June each year (reminder 7 days before)". */
    static String describeLifetime(TenantSettings t) {
        VerificationLifetime lifetime = t.verificationLifetime();
        if (lifetime instanceof VerificationLifetime.Forever) {
            return "forever";
        }
        String reminder = t.reminderBefore().isZero() ? "no reminder"
                : "reminder " + Durations.describe(t.reminderBefore(), Locale.ENGLISH) + " before";
        if (lifetime instanceof VerificationLifetime.Lasting lasting) {
            return Durations.describe(lasting.duration(), Locale.ENGLISH) + " (" + reminder + ")";
        }
        MonthDay date = ((VerificationLifetime.UntilAnnually) lifetime).date();
        return "until the end of " + date.getDayOfMonth() + " " + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " each year (" + reminder + ")";
    }

    /** A tenant's block in {@code status} and {@code tenant describe}. */
    static void overview(TenantOverview overview, PrintStream out) {
        TenantSettings tenant = overview.settings();
        out.printf("Tenant %s (%s): %d directory users, %d linked members, %d servers%n", tenant.id(), tenant.displayName(),
                overview.directoryUsers(), overview.linkedMembers(), overview.servers().size());
        out.printf("  verifies by %s; question: %s; records kept %d days; emails in %s unless the member's language is known, "
                + "times in %s; verifications hold %s%n", describeMethod(tenant),
                tenant.question().map(q -> "\"" + q.prompt() + "\" (" + q.acceptedAnswers().size() + " answers)").orElse("none"),
                tenant.retention().toDays(), tenant.defaultLanguage().toLanguageTag(), tenant.timeZone().getId(),
                describeLifetime(tenant));
        tenant.handoff().secretProblem().ifPresent(p -> out.printf("  PROBLEM: hand-off secret can't be decrypted: %s. "
                + "Configure the key it was made with (see 'secrets rotate'), or set the secret again with 'tenant method "
                + "%s handoff --secret-file ...'.%n", p, tenant.id()));
        tenant.oidc().secretProblem().filter(p -> tenant.method() == VerificationMethod.OIDC).ifPresent(p -> out.printf(
                "  PROBLEM: client secret can't be decrypted: %s. Set it again with 'tenant method %s oidc --client-secret-file ...'.%n",
                p, tenant.id()));
        tenant.oidc().loginProblem().filter(p -> tenant.method() == VerificationMethod.OIDC).ifPresent(p -> out.printf(
                "  PROBLEM: a sign-in failed: %s. Choose another claim with 'tenant method %s oidc --claim ...'.%n", p, tenant.id()));
        for (GuildSettings guild : overview.servers()) {
            out.printf("  server %s: verification %s, verified role %s, gate %s, nicknames %s, verify on join %s, kick %s, "
                            + "remove unverified %s%s%n",
                    guild.guild(), guild.enabled() ? "on" : "OFF", guild.verifiedRole().map(Object::toString).orElse("NOT SET"),
                    guild.gateMessages() ? "on" : "off", guild.setNickname() ? "on" : "off", guild.verifyOnJoin() ? "on" : "off",
                    guild.kickPolicy().kickAfter().isPresent() ? "after " + guild.kickPolicy().kickAfter().getAsInt() + " wrong answers"
                            : "never",
                    guild.removeUnverified().after().map(a -> "after " + Durations.describe(a, Locale.ENGLISH)).orElse("never"),
                    guild.question().map(q -> ", own question \"" + q.prompt() + "\"").orElse(""));
        }
    }

    static String describeMethod(TenantSettings tenant) {
        if (tenant.method() == VerificationMethod.EMAIL_LINK) {
            return "emailed link";
        }
        if (tenant.method() == VerificationMethod.OIDC) {
            OidcSettings o = tenant.oidc();
            return "sign-in with " + o.issuer().map(Object::toString).orElse("(NO ISSUER)") + " (client "
                    + o.clientId().orElse("NOT SET") + ", secret " + (o.secret().isPresent() ? "set"
                    : o.secretProblem().isPresent() ? "CAN'T BE DECRYPTED" : "NOT SET") + ", scopes " + String.join(" ", o.scopes())
                    + ", user claim " + o.userClaim() + ", " + (o.authority() == DirectoryAuthority.PROVIDER
                    ? "provider is the authority, groups claim " + o.groupsClaim() : "directory required") + ")";
        }
        HandoffSettings h = tenant.handoff();
        return "hand-off to " + h.siteUrl().map(Object::toString).orElse("(NO SITE URL)") + " (secret " + secretState(h) + ")";
    }

    /** {@code status}: whether the tenant's identity provider answers discovery. */
    static void providerCheck(TenantSettings tenant, PrintStream out) {
        if (tenant.oidc().issuer().isEmpty()) {
            out.printf("  PROBLEM: no issuer set: tenant method %s oidc --issuer <url>%n", tenant.id());
            return;
        }
        IdentityProviderCheck.Outcome outcome = IdentityProviderCheck.check(tenant.oidc().issuer().get());
        if (outcome instanceof IdentityProviderCheck.Outcome.Reachable reachable) {
            out.printf("  identity provider: discovery OK (authorization %s, token %s, keys %s)%n",
                    reachable.authorizationEndpoint(), reachable.tokenEndpoint(), reachable.jwks());
        } else {
            out.printf("  PROBLEM: identity provider %s: discovery failed, %s%n", tenant.oidc().issuer().get(),
                    ((IdentityProviderCheck.Outcome.Unreachable) outcome).reason());
        }
    }

    static String secretState(HandoffSettings h) {
        return h.secret().isPresent() ? "set" : h.secretProblem().isPresent() ? "CAN'T BE DECRYPTED" : "NOT SET";
    }

    static String noTenant(TenantId tenant) {
        return "no tenant " + tenant + ". Create it first: tenant create " + tenant + " --name \"...\"";
    }

    /** Reports a change: the new settings on success; a refused value or an unknown tenant as a usage error. */
    static int changed(ChangeResult result, PrintStream out, PrintStream err, Consumer<TenantSettings> success) {
        if (result instanceof TenantChanged changed) {
            success.accept(changed.after());
            return OperatorCli.OK;
        }
        if (result instanceof ChangeRefused refused) {
            err.println("Error: " + refused.reason());
            return OperatorCli.USAGE;
        }
        if (result instanceof TenantNotFound notFound) {
            err.println("Error: " + noTenant(notFound.tenant()));
            return OperatorCli.USAGE;
        }
        return unavailable(err);
    }

    /** What {@code tenant list} and {@code status} say before the first tenant exists. */
    static void noTenantsYet(PrintStream out) {
        out.println("No tenants yet. Create one with: tenant create <id> --name \"Display Name\"");
    }

    static int unavailable(PrintStream err) {
        err.println("Error: the database can't be reached; nothing was changed.");
        return OperatorCli.FAILED;
    }
}
