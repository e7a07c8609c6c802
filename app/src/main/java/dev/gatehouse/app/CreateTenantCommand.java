package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationLifetime;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeRefused;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeTenant;
import dev.gatehouse.core.port.in.AdministerTenants.CreateResult;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.AdministerTenants.TenantCreated;
import dev.gatehouse.core.port.in.AdministerTenants.TenantExists;
import dev.gatehouse.core.text.Durations;
import dev.gatehouse.core.text.Languages;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenant create}: a new tenant, or new settings for an existing one. */
@Command(name = "create", description = {"Create a tenant, or change its settings.",
    "Finished links, hand-offs and wrong answers are deleted after the retention (default 30 days)."})
final class CreateTenantCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant id: lower-case letters, digits and dashes.")
    TenantId tenant;

    @Option(names = "--name", required = true, paramLabel = "<name>", description = "The name members see.")
    String name;

    @Option(names = "--link-lifetime", paramLabel = "<minutes>", description = "How long an emailed link works.")
    Long linkLifetimeMinutes;

    @Option(names = "--reveal-unknown-ids", negatable = true,
            description = "Tell members when their user id isn't in the directory (hidden by default).")
    Boolean revealUnknownIds;

    @Option(names = "--allow-relink", negatable = true,
            description = "Let members link another Discord account themselves (refused by default).")
    Boolean allowRelink;

    @Option(names = "--guild-admins-may-bind", negatable = true,
            description = "Let server admins bind their servers to this tenant (the operator only by default).")
    Boolean guildAdminsMayBind;

    @Option(names = "--retention-days", paramLabel = "<days>", description = "How long finished records are kept.")
    Long retentionDays;

    @Option(names = "--language", paramLabel = "<lang>",
            description = "Language of emails to members whose Discord language isn't known: en (default), de, fr, es, pt-BR.")
    String language;

    @Option(names = "--time-zone", paramLabel = "<zone>",
            description = "Time zone of the times in emails and on link pages, such as Europe/Berlin (default UTC).")
    String timeZone;

    @Option(names = "--verification-lifetime", paramLabel = "<lifetime>",
            description = {"How long a verification holds before members must verify again: forever (default), a duration such as"
                    + " 365d, 12h or 30m, or a yearly date MM-DD (such as 06-30: until the end of the next 30 June in the tenant's"
                    + " time zone).", "Lapsed members lose their roles and are told to run /verify again."})
    String verificationLifetime;

    @Option(names = "--verification-reminder", paramLabel = "<duration>",
            description = "How long before a verification lapses the member is reminded by DM, such as 7d (default), 12h, 30s,"
                    + " or 0 for no reminder; shorter than the lifetime.")
    String verificationReminder;

    CreateTenantCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<TenantChange> changes = OperatorCli.parse(this::changes);
        return cli.withGatehouse((gatehouse, context) -> {
            AdministerTenants tenants = gatehouse.tenants();
            CreateResult created = tenants.create(new CreateTenant(tenant, name, changes));
            if (created instanceof TenantCreated done) {
                cli.out().println(TenantReplies.summary(done.settings()));
                return OperatorCli.OK;
            }
            if (created instanceof ChangeRefused refused) {
                cli.err().println("Error: " + refused.reason());
                return OperatorCli.USAGE;
            }
            if (created instanceof TenantExists) {
                List<TenantChange> update = new ArrayList<>();
                update.add(new TenantChange.Rename(name));
                update.addAll(changes);
                return TenantReplies.changed(tenants.change(new ChangeTenant(tenant, update)), cli.out(), cli.err(),
                        settings -> cli.out().println(TenantReplies.summary(settings)));
            }
            return TenantReplies.unavailable(cli.err());
        });
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + id + "': use a region id such as Europe/Berlin, or UTC");
        }
    }

    private static Duration reminder(String text) {
        if (text.strip().equals("0")) {
            return Duration.ZERO;
        }
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown reminder time '" + text
                + "': write a duration such as 7d, 12h, 30m or 30s, or 0 for no reminder"));
    }

    private List<TenantChange> changes() {
        List<TenantChange> changes = new ArrayList<>();
        new TenantChange.Rename(name); // refuses a bad name before any context starts
        if (linkLifetimeMinutes != null) {
            changes.add(new TenantChange.LinkLifetime(Duration.ofMinutes(linkLifetimeMinutes)));
        }
        if (revealUnknownIds != null) {
            changes.add(new TenantChange.UnknownIds(revealUnknownIds ? UnknownUserReply.INVALID_USER_ID : UnknownUserReply.SAME_AS_KNOWN));
        }
        if (allowRelink != null) {
            changes.add(new TenantChange.Relinking(allowRelink ? RelinkPolicy.ALLOW_SELF_SERVICE : RelinkPolicy.REFUSE));
        }
        if (guildAdminsMayBind != null) {
            changes.add(new TenantChange.ServerBinding(guildAdminsMayBind ? GuildBindingPolicy.GUILD_ADMINS
                    : GuildBindingPolicy.OPERATOR_ONLY));
        }
        if (retentionDays != null) {
            changes.add(new TenantChange.Retention(Duration.ofDays(retentionDays)));
        }
        if (language != null) {
            changes.add(new TenantChange.DefaultLanguage(Languages.requireSupported(language)));
        }
        if (timeZone != null) {
            changes.add(new TenantChange.TimeZone(zone(timeZone)));
        }
        if (verificationLifetime != null || verificationReminder != null) {
            changes.add(new TenantChange.Reverification(
                    Optional.ofNullable(verificationLifetime).map(VerificationLifetime::parse),
                    Optional.ofNullable(verificationReminder).map(CreateTenantCommand::reminder)));
        }
        return changes;
    }
}
