package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Markdown.untrusted;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Texts more than one command writes: the common refusals, a server's settings, a person, durations, lengths. */
final class CommonReplies {
    /** Discord's message length limit. */
    static final int MAX_LENGTH = 2000;
    /** Discord's limit for a modal title and a text input label. */
    static final int MAX_TITLE_LENGTH = 45;

    private CommonReplies() {
    }

    static String serviceUnavailable() {
        return serviceUnavailable(Messages.LOCALE);
    }

    static String serviceUnavailable(Locale language) {
        return text(language, "common.serviceUnavailable");
    }

    static String notSetUp() {
        return notSetUp(Messages.LOCALE);
    }

    static String notSetUp(Locale language) {
        return text(language, "common.notSetUp");
    }

    /** The words for the outcomes every use case can have: the server isn't set up, or the service is down. */
    static String common(Object result) {
        return common(result, Messages.LOCALE);
    }

    static String common(Object result, Locale language) {
        if (result instanceof GuildNotSetUp) {
            return notSetUp(language);
        }
        if (result instanceof ServiceUnavailable) {
            return serviceUnavailable(language);
        }
        throw new IllegalArgumentException("unhandled result " + result);
    }

    static String settings(GuildSettings settings) {
        return String.join("\n",
                text("settings.enabled", onOff(settings.enabled())),
                text("settings.verifiedRole", settings.verifiedRole().map(Markdown::roleMention).orElse(text("common.none"))),
                text("settings.verifyOnJoin", onOff(settings.verifyOnJoin())),
                text("settings.kickPolicy", kickPolicy(settings.kickPolicy())),
                text("settings.removeUnverified", removeUnverified(settings.removeUnverified())),
                text("settings.gateMessages", onOff(settings.gateMessages())),
                text("settings.setNickname", onOff(settings.setNickname())),
                text("settings.dmOnJoin", onOff(settings.dmOnJoin())),
                text("settings.logChannel", settings.logChannel().map(Markdown::channelMention).orElse(text("common.none"))));
    }

    private static String removeUnverified(UnverifiedRemoval removal) {
        return removal.after().isPresent()
                ? text("settings.removeUnverified.after", inWords(removal.after().get()), inWords(removal.warningLead()))
                : text("settings.removeUnverified.never");
    }

    private static String kickPolicy(KickPolicy policy) {
        return policy.kickAfter().isPresent()
                ? text("settings.kickPolicy.after", policy.kickAfter().getAsInt(), KickPolicy.WINDOW_HOURS)
                : text("settings.kickPolicy.never");
    }

    static String method(TenantSettings tenant) {
        return switch (tenant.method()) {
            case EMAIL_LINK -> text("method.emailLink");
            case SITE_HANDOFF -> tenant.handoff().siteUrl()
                    .map(u -> text("method.siteHandoff.host", escape(String.valueOf(u.getHost()))))
                    .orElse(text("method.siteHandoff"));
            case OIDC -> tenant.oidc().issuer()
                    .map(u -> text("method.oidc.host", escape(String.valueOf(u.getHost()))))
                    .orElse(text("method.oidc"));
        };
    }

    /** The question members of this server answer, and whose it is. */
    static String questionInForce(GuildSettings settings, TenantSettings tenant) {
        Optional<VerificationQuestion> question = settings.questionUnder(tenant);
        if (question.isEmpty()) {
            return text(tenant.method() == VerificationMethod.SITE_HANDOFF ? "question.inForce.none.site" : "question.inForce.none.email");
        }
        String source = text(settings.question().isPresent() ? "question.inForce.server" : "question.inForce.tenant");
        return text("question.inForce", untrusted(question.get().prompt()), source,
                Messages.count("question.inForce.answers", question.get().acceptedAnswers().size()));
    }

    /** The "needs attention" block under settings, one line per warning; empty without warnings. */
    static String warningLines(List<SetupCheck.Warning> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n" + text("common.needsAttention"));
        warnings.forEach(w -> text.append("\n⚠️ ").append(warning(w)));
        return text.toString();
    }

    /** A setup warning in words, for admins. */
    static String warning(SetupCheck.Warning warning) {
        if (warning instanceof SetupCheck.FromCore core) {
            return warning(core.warning());
        }
        if (warning instanceof SetupCheck.VerifiedRoleGone) {
            return text("warning.verifiedRoleGone", SetupSubcommand.ROLE);
        }
        if (warning instanceof SetupCheck.VerifiedRoleAboveBot) {
            return text("warning.verifiedRoleAboveBot");
        }
        if (warning instanceof SetupCheck.GroupRoleUnusable unusable) {
            return text(unusable.gone() ? "warning.groupRoleGone" : "warning.groupRoleUnusable", Markdown.code(unusable.group().value()),
                    Markdown.roleMention(unusable.role()));
        }
        if (warning instanceof SetupCheck.RemovalWithoutKickMembers) {
            return text("warning.removeUnverifiedKickMembers", SetupSubcommand.REMOVE_UNVERIFIED_AFTER);
        }
        if (warning instanceof SetupCheck.MissingPermission missing) {
            return switch (missing.permission()) {
                case MANAGE_ROLES -> text("warning.manageRoles");
                case MANAGE_NICKNAMES -> text("warning.manageNicknames");
                case MANAGE_MESSAGES -> text("warning.manageMessages");
                case KICK_MEMBERS -> text("warning.kickMembers");
            };
        }
        throw new IllegalArgumentException("unhandled warning " + warning);
    }

    /** One of the core's setup warnings in words, for admins (the core's own words); text from the tenant's data is escaped. */
    static String warning(SetupWarning warning) {
        return warning.inWords(Markdown::untrusted);
    }

    /** A linked member's directory identity: the name if the directory still has them, and the id. */
    static String person(Link link, Optional<DirectoryUser> user) {
        String id = code(link.directoryUser().value());
        return user.map(u -> text("common.person", escape(u.name().value()), id)).orElse(text("common.person.gone", id));
    }

    static String origin(Link link) {
        return switch (link.origin()) {
            case EMAIL -> text("origin.email");
            case HANDOFF -> text("origin.handoff");
            case OIDC -> text("origin.oidc");
            case ADMIN -> text("origin.admin");
            case IMPORT -> text("origin.import");
        };
    }

    static String onOff(boolean on) {
        return text(on ? "common.on" : "common.off");
    }

    /** A duration in English words, by the core's formatter shared with the emails and pages. */
    static String inWords(Duration duration) {
        return Durations.describe(duration, Messages.LOCALE);
    }

    /** Cut to Discord's message length. */
    static String limit(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** Cut to {@code max} characters with an ellipsis, never between the halves of a surrogate pair. */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
