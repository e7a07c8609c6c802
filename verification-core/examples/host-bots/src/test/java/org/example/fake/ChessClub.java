package org.example.fake;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
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
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** The club both example bots serve: one server (role 42, gated), one member in the directory, a mailbox. */
public final class ChessClub {
    public static final long SERVER = 123456789012345678L;
    public static final long MAGNUS = 555L;
    public static final long VERIFIED_ROLE = 42L;

    /** What the host's mail service was asked to send: the confirm links. */
    public final List<URI> confirmLinks = new CopyOnWriteArrayList<>();
    public final VerificationMailer mailer = email -> {
        confirmLinks.add(email.confirmLink());
        return MailOutcome.sent();
    };

    /** The operator's part: the tenant, its directory, the server bound and configured. */
    public static void setUp(Gatehouse gatehouse) {
        TenantId club = new TenantId("chess-club");
        gatehouse.tenants().create(new CreateTenant(club, "Chess Club", List.of()));
        gatehouse.importDirectory().importRows(new ImportCommand(club, Stream.of(new DirectoryRow.User(1,
                new DirectoryUserId("m-17"), new EmailAddress("magnus@example.org"), new DisplayName("Magnus C.")))));
        gatehouse.administration().bind(new BindCommand(new GuildId(SERVER), club, Authority.OPERATOR));
        gatehouse.administration().configure(ConfigureCommand.of(new GuildId(SERVER),
                new GuildSettingChange.VerifiedRole(new RoleId(VERIFIED_ROLE)), new GuildSettingChange.GateMessages(true)));
    }

    /** The token of the last emailed link: what the link page's Confirm button posts. */
    public String lastToken() {
        String path = confirmLinks.get(confirmLinks.size() - 1).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
