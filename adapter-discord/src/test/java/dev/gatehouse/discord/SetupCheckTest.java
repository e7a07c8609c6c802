package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.discord.SetupCheck.Permission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetupCheckTest {
    private static final GuildSettings WITH_ROLE = GuildSettings.boundTo(new GuildId(1), new TenantId("t"))
            .withVerifiedRole(new RoleId(5));
    private static final SetupCheck.RoleFacts VERIFIED = new SetupCheck.RoleFacts("Verified", 2, false, false);

    @Test
    void aWellSetUpServerHasNoWarnings() {
        assertEquals(List.of(), SetupCheck.warnings(WITH_ROLE.withGateMessages(true),
                new SetupCheck.Facts(true, true, true, true, 4, Optional.of(VERIFIED))));
    }

    @Test
    void removingUnverifiedMembersWithoutKickMembersIsReportedApartFromKickingAfterWrongAnswers() {
        SetupCheck.Facts cantKick = new SetupCheck.Facts(true, true, true, false, 4, Optional.of(VERIFIED));
        GuildSettings removing = WITH_ROLE.withRemoveUnverified(UnverifiedRemoval.after(Duration.ofDays(7)));
        assertEquals(List.of(new SetupCheck.RemovalWithoutKickMembers()), SetupCheck.warnings(removing, cantKick));
        assertEquals(List.of(missing(Permission.KICK_MEMBERS), new SetupCheck.RemovalWithoutKickMembers()),
                SetupCheck.warnings(removing.withKickPolicy(KickPolicy.after(3)), cantKick));
        assertEquals(List.of(), SetupCheck.warnings(removing, new SetupCheck.Facts(true, true, true, true, 4, Optional.of(VERIFIED))));
    }

    @Test
    void theBotsTopRoleBelowTheVerifiedRoleIsReported() {
        assertEquals(List.of(new SetupCheck.VerifiedRoleAboveBot()),
                SetupCheck.warnings(WITH_ROLE, new SetupCheck.Facts(true, true, true, true, 2, Optional.of(VERIFIED))));
    }

    @Test
    void missingPermissionsAreReportedOnlyWhereTheServerNeedsThem() {
        SetupCheck.Facts powerless = new SetupCheck.Facts(false, false, false, false, 4, Optional.of(VERIFIED));
        assertEquals(List.of(missing(Permission.MANAGE_ROLES)), SetupCheck.warnings(WITH_ROLE.withSetNickname(false), powerless));

        assertEquals(List.of(missing(Permission.MANAGE_ROLES),
                        missing(Permission.MANAGE_NICKNAMES), missing(Permission.MANAGE_MESSAGES)),
                SetupCheck.warnings(WITH_ROLE.withGateMessages(true), powerless));
    }

    @Test
    void kickingWithoutKickMembersIsReportedOnlyWhenTheServerKicks() {
        SetupCheck.Facts noKick = new SetupCheck.Facts(true, true, true, false, 4, Optional.of(VERIFIED));
        assertEquals(List.of(), SetupCheck.warnings(WITH_ROLE, noKick));
        assertEquals(List.of(missing(Permission.KICK_MEMBERS)),
                SetupCheck.warnings(WITH_ROLE.withKickPolicy(KickPolicy.after(3)), noKick));
    }

    @Test
    void noRoleOrADeletedRoleIsReported() {
        GuildSettings noRole = GuildSettings.boundTo(new GuildId(1), new TenantId("t"));
        assertEquals(List.of(new SetupCheck.FromCore(new SetupWarning.NoVerifiedRole())),
                SetupCheck.warnings(noRole, new SetupCheck.Facts(true, true, true, true, 4, Optional.empty())));
        assertEquals(List.of(new SetupCheck.VerifiedRoleGone()),
                SetupCheck.warnings(WITH_ROLE, new SetupCheck.Facts(true, true, true, true, 4, Optional.empty())));
    }

    @Test
    void theCoresWarningsComeFirstAndOneTheBotAlsoSeesIsShownOnce() {
        List<SetupCheck.Warning> merged = SetupCheck.merged(List.of(new SetupWarning.EmptyDirectory(), new SetupWarning.NoVerifiedRole()),
                List.of(new SetupCheck.FromCore(new SetupWarning.NoVerifiedRole()), missing(Permission.MANAGE_ROLES)));
        assertEquals(List.of(new SetupCheck.FromCore(new SetupWarning.EmptyDirectory()),
                new SetupCheck.FromCore(new SetupWarning.NoVerifiedRole()), missing(Permission.MANAGE_ROLES)), merged);
    }

    @Test
    void everyoneManagedAndTooHighRolesCantBeTheVerifiedRole() {
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("@everyone", 0, true, false), 4).isPresent());
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("Some Bot", 1, false, true), 4).isPresent());
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("Mods", 4, false, false), 4).isPresent());
        assertEquals(Optional.empty(), SetupCheck.unusableRole(VERIFIED, 4));
    }

    private static SetupCheck.Warning missing(Permission permission) {
        return new SetupCheck.MissingPermission(permission);
    }

    @Test
    void groupRolesTheBotCanNotGrantAreReported() {
        GuildSettings mapped = WITH_ROLE.withGroupRole(new GroupName("staff"), new RoleId(7)).withGroupRole(new GroupName("student"), new RoleId(8))
                .withGroupRole(new GroupName("tutor"), new RoleId(9));
        SetupCheck.Facts facts = new SetupCheck.Facts(true, true, true, true, 4, Optional.of(VERIFIED), Map.of(
                new RoleId(7), Optional.of(new SetupCheck.RoleFacts("Staff", 6, false, false)),
                new RoleId(8), Optional.of(new SetupCheck.RoleFacts("Student", 1, false, false)),
                new RoleId(9), Optional.empty()));

        List<SetupCheck.Warning> warnings = SetupCheck.warnings(mapped, facts);

        assertEquals(List.of(new SetupCheck.GroupRoleUnusable(new GroupName("staff"), new RoleId(7), false),
                new SetupCheck.GroupRoleUnusable(new GroupName("tutor"), new RoleId(9), true)), warnings);
        assertTrue(CommonReplies.warning(warnings.get(0)).contains("can't grant <@&7>"), CommonReplies.warning(warnings.get(0)));
    }
}
