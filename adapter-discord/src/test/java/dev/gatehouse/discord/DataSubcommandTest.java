package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.out.PersonalData;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse data, and members after erasing their own data. */
class DataSubcommandTest {
    private static final DirectoryUser JANE = new DirectoryUser(LINK.tenant(), new DirectoryUserId("jdoe42"),
            new EmailAddress("jane@uni.example.edu"), new DisplayName("Jane Doe"));

    @Test
    void anExportSummarisesWhatIsHeldAndAnErasureNamesThePseudonym() {
        String export = DataSubcommand.exportReply(new ManagePersonalData.PersonExport(LINK.tenant(), Instant.EPOCH, Optional.of(JANE),
                Optional.of(LINK), new PersonalData.Held(List.of(), List.of(), List.of(), List.of())));
        assertTrue(export.contains("`jdoe42`") && export.contains("Jane Doe") && export.contains("<@" + LINK.discordUser().value() + ">")
                && export.contains("0 verification sessions") && export.contains("gatehouse user export"), export);

        assertTrue(!export.contains("language"), export);
        Link german = new Link(LINK.tenant(), LINK.discordUser(), LINK.directoryUser(), LINK.linkedAt(), LINK.origin(), Optional.of(Locale.GERMAN));
        String inGerman = DataSubcommand.exportReply(new ManagePersonalData.PersonExport(LINK.tenant(), Instant.EPOCH, Optional.of(JANE),
                Optional.of(german), new PersonalData.Held(List.of(), List.of(), List.of(), List.of())));
        assertTrue(inGerman.contains("language `de`") && inGerman.contains("`jdoe42`"), inGerman);

        String erased = DataSubcommand.eraseReply(new ManagePersonalData.PersonErased("erased-1234abcd", true, Optional.of(LINK),
                new PersonalData.Erased(2, 0, 1, 0, 1, 3)));
        assertTrue(erased.contains("`erased-1234abcd`") && erased.contains("directory row is gone")
                && erased.contains("roles are being removed") && erased.contains("3 audit entries"), erased);
        String accountOnly = DataSubcommand.eraseReply(new ManagePersonalData.PersonErased("erased-1", false, Optional.empty(),
                new PersonalData.Erased(0, 0, 0, 0, 0, 1)));
        assertTrue(!accountOnly.contains("directory row") && !accountOnly.contains("roles are being removed"), accountOnly);
        assertTrue(DataSubcommand.eraseReply(new ManagePersonalData.NothingHeld()).contains("holds nothing"));
        assertTrue(DataSubcommand.exportReply(new GuildNotSetUp()).contains("isn't set up"));
    }

    @Test
    void aMemberReadsThatTheirDataIsErasedInTheirLanguage() {
        assertTrue(UnverifyCommand.eraseReply(new ManagePersonalData.PersonErased("erased-1", false, Optional.empty(),
                new PersonalData.Erased(0, 0, 0, 0, 0, 1)), Locale.ENGLISH).contains("is erased"));
        assertTrue(UnverifyCommand.eraseReply(new ManagePersonalData.PersonErased("erased-1", false, Optional.empty(),
                new PersonalData.Erased(0, 0, 0, 0, 0, 1)), Locale.GERMAN).contains("gelöscht"));
    }
}
