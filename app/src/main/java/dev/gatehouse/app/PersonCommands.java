package dev.gatehouse.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ManagePersonalData.ByOperator;
import dev.gatehouse.core.port.in.ManagePersonalData.DirectoryUserSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.DiscordAccountSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.NothingHeld;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonErased;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonExport;
import dev.gatehouse.core.port.in.ManagePersonalData.Subject;
import dev.gatehouse.core.port.in.ManagePersonalData.UnknownTenant;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user export} and {@code user erase}: a person's data on request. */
final class PersonCommands {
    private PersonCommands() {
    }

    /** Exactly one of a directory user id and a Discord account. */
    static final class Who {
        @Option(names = "--user", paramLabel = "<user-id>", description = "The person's user id in the directory.")
        String userId;

        @Option(names = "--discord-user", paramLabel = "<discord-user-id>", description = "A Discord account's id.")
        DiscordUserId discordUser;

        Subject subject() {
            return userId != null ? new DirectoryUserSubject(userId) : new DiscordAccountSubject(discordUser);
        }
    }

    /** {@code user export}: everything held about one person, as JSON on standard output. */
    @Command(name = "export", description = {"Print everything Gatehouse holds about one person as JSON:",
        "directory row, link, sessions, hand-offs, wrong answers and the audit entries naming them."})
    static final class Export implements Callable<Integer> {
        private final OperatorCli cli;

        @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
        TenantId tenant;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Who who;

        Export(OperatorCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return cli.withGatehouse((gatehouse, context) -> {
                Object result = gatehouse.personalData().export(new ByOperator(tenant, who.subject()));
                if (result instanceof PersonExport export) {
                    writeJson(export, cli.out());
                    return OperatorCli.OK;
                }
                return failure(cli, tenant, result);
            });
        }
    }

    /** {@code user erase}: a person's data gone, the audit kept under a pseudonym. */
    @Command(name = "erase", description = {"Erase what Gatehouse holds about one person: for a user id their directory row,",
        "link, sessions, hand-offs, wrong answers and counters; for a Discord account the same except the directory row.",
        "Audit entries are kept with the person's ids, email address and names replaced by a pseudonym."})
    static final class Erase implements Callable<Integer> {
        private final OperatorCli cli;

        @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
        TenantId tenant;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Who who;

        Erase(OperatorCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return cli.withGatehouse((gatehouse, context) -> {
                Object result = gatehouse.personalData().erase(new ByOperator(tenant, who.subject()));
                if (result instanceof PersonErased erased) {
                    cli.out().printf("Erased: %s%s%d sessions, %d hand-offs, %d wrong answers, %d queued updates, %d counters; "
                                    + "%d audit entries now say %s.%n",
                            erased.directoryUserRemoved() ? "the directory row, " : "",
                            erased.endedLink().isPresent() ? "the link (roles and nickname removed in every server), " : "",
                            erased.erased().sessions(), erased.erased().handoffs(), erased.erased().wrongAnswers(),
                            erased.erased().memberUpdates(), erased.erased().rateLimitKeys(), erased.erased().auditEntries(),
                            erased.pseudonym());
                    return OperatorCli.OK;
                }
                return failure(cli, tenant, result);
            });
        }
    }

    private static int failure(OperatorCli cli, TenantId tenant, Object result) {
        if (result instanceof NothingHeld) {
            cli.err().printf("Error: Gatehouse holds nothing about that person in tenant %s. Nothing was changed.%n", tenant);
            return OperatorCli.FAILED;
        }
        if (result instanceof InvalidUserId invalid) {
            cli.err().println("Error: " + invalid.reason() + ".");
            return OperatorCli.USAGE;
        }
        if (result instanceof UnknownTenant || result instanceof GuildNotSetUp) {
            cli.err().println("Error: " + TenantReplies.noTenant(tenant));
            return OperatorCli.FAILED;
        }
        return TenantReplies.unavailable(cli.err());
    }

    /** The export as one JSON object (Jackson's streaming writer). */
    static void writeJson(PersonExport export, PrintStream out) {
        try (JsonGenerator json = new JsonFactory().createGenerator((OutputStream) out).useDefaultPrettyPrinter()) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("tenant", export.tenant().value());
            json.writeStringField("exportedAt", export.at().toString());
            json.writeFieldName("directoryUser");
            if (export.user().isPresent()) {
                DirectoryUser user = export.user().get();
                json.writeStartObject();
                json.writeStringField("userId", user.id().value());
                json.writeStringField("email", user.email().value());
                json.writeStringField("name", user.name().value());
                json.writeArrayFieldStart("groups");
                for (GroupName group : user.groups()) {
                    json.writeString(group.toString());
                }
                json.writeEndArray();
                json.writeEndObject();
            } else {
                json.writeNull();
            }
            json.writeFieldName("link");
            if (export.link().isPresent()) {
                Link link = export.link().get();
                json.writeStartObject();
                json.writeStringField("discordUserId", link.discordUser().toString());
                json.writeStringField("userId", link.directoryUser().value());
                json.writeStringField("linkedAt", link.linkedAt().toString());
                json.writeStringField("origin", link.origin().name());
                json.writeStringField("language", link.language().map(java.util.Locale::toLanguageTag).orElse(null));
                json.writeEndObject();
            } else {
                json.writeNull();
            }
            json.writeArrayFieldStart("sessions");
            for (VerificationSession s : export.held().sessions()) {
                json.writeStartObject();
                json.writeStringField("server", s.guild().toString());
                json.writeStringField("serverName", s.guildName());
                json.writeStringField("discordUserId", s.requester().id().toString());
                json.writeStringField("discordUsername", s.requester().username());
                json.writeStringField("userId", s.directoryUser().value());
                json.writeStringField("createdAt", s.createdAt().toString());
                json.writeStringField("expiresAt", s.expiresAt().toString());
                json.writeStringField("state", s.state().name());
                json.writeStringField("language", s.language().map(java.util.Locale::toLanguageTag).orElse(null));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("handoffs");
            for (HandoffRequest h : export.held().handoffs()) {
                json.writeStartObject();
                json.writeStringField("server", h.guild().toString());
                json.writeStringField("discordUserId", h.requester().id().toString());
                json.writeStringField("discordUsername", h.requester().username());
                json.writeStringField("createdAt", h.createdAt().toString());
                json.writeStringField("state", h.state().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("wrongAnswers");
            for (WrongAnswer a : export.held().wrongAnswers()) {
                json.writeStartObject();
                json.writeStringField("server", a.guild().toString());
                json.writeStringField("answer", a.original());
                json.writeStringField("at", a.at().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("auditEntries");
            for (AuditEntry e : export.held().auditEntries()) {
                json.writeStartObject();
                json.writeStringField("action", e.action());
                json.writeStringField("detail", e.detail());
                json.writeStringField("at", e.at().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
