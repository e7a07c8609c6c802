package org.example.hostbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A host that binds a server but forgets its role hears about it, in the words of {@code status}, once. */
class SetupWarningsReportTest {
    private static final GuildId SERVER = new GuildId(123456789012345678L);
    private static final TenantId CLUB = new TenantId("chess-club");

    @Test
    void aServerWithoutARoleIsReportedOnTheFirstVerifyAndAgainOnlyWhenItsSetupChanges() {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (Gatehouse gatehouse = Gatehouse.builder().publicBaseUrl(URI.create("https://verify.example.org"))
                .mailer(email -> MailOutcome.sent())
                .setupWarnings((guild, warnings) -> reports.add(guild + ": " + String.join(" ", warnings.stream().map(SetupWarning::inWords).toList())))
                .build()) {
            gatehouse.tenants().create(new CreateTenant(CLUB, "Chess Club", List.of()));
            gatehouse.importDirectory().importRows(new ImportCommand(CLUB, Stream.of(new DirectoryRow.User(1,
                    new DirectoryUserId("m-17"), new EmailAddress("magnus@example.org"), new DisplayName("Magnus C.")))));
            gatehouse.administration().bind(new BindCommand(SERVER, CLUB, Authority.OPERATOR));

            assertInstanceOf(LinkSent.class, ask(gatehouse, 555));
            assertEquals(List.of(SERVER + ": No verified role is set: verified members get no role."), reports);

            ask(gatehouse, 556);
            assertEquals(1, reports.size(), "the same setup is reported once");

            gatehouse.administration().configure(ConfigureCommand.of(SERVER, new GuildSettingChange.GateMessages(true)));
            ask(gatehouse, 557);
            assertEquals(List.of(SERVER + ": No verified role is set: verified members get no role.",
                    SERVER + ": No verified role is set: verified members get no role."
                            + " Messages are gated but no role is set: members can't see that they are verified."), reports);

            gatehouse.administration().configure(ConfigureCommand.of(SERVER, new GuildSettingChange.VerifiedRole(new RoleId(42))));
            ask(gatehouse, 558);
            assertEquals(2, reports.size(), "a fully set-up server is not reported");
        }
    }

    @Test
    void everyWarningHasWords() {
        List<SetupWarning> all = List.of(new SetupWarning.VerificationOff(), new SetupWarning.HandoffSiteMissing(),
                new SetupWarning.HandoffSecretMissing(), new SetupWarning.HandoffSecretUnreadable("wrong key"),
                new SetupWarning.HandoffSignerMissing(), new SetupWarning.QuestionWithoutAnswers("Password?"),
                new SetupWarning.NoVerifiedRole(), new SetupWarning.EmptyDirectory(), new SetupWarning.KickWithoutQuestion(),
                new SetupWarning.KickAfterRateLimit(3, java.time.Duration.ofMinutes(15), 5),
                new SetupWarning.JoinHintAndVerifyOnJoin(), new SetupWarning.GateWithoutRole());
        all.forEach(warning -> assertEquals(false, warning.inWords().isBlank(), warning::toString));
        assertEquals("The question \"*Password?*\" has no accepted answers, so nobody can pass it.",
                new SetupWarning.QuestionWithoutAnswers("Password?").inWords(text -> "*" + text + "*"));
        assertEquals("Members may try /verify only 3 times per 15 min, so their 5th wrong answer (the kick) comes only after a wait.",
                all.get(9).inWords());
    }

    private static Object ask(Gatehouse gatehouse, long member) {
        return gatehouse.requestVerification().request(new RequestCommand(SERVER, "Chess Club",
                new DiscordAccount(new DiscordUserId(member), "member" + member), "m-17"));
    }
}
