package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import java.util.List;
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
    void theBotsTopRoleBelowTheVerifiedRoleIsReported() {
        List<String> warnings = SetupCheck.warnings(WITH_ROLE, new SetupCheck.Facts(true, true, true, true, 2, Optional.of(VERIFIED)));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("not above the verified role"));
    }

    @Test
    void missingPermissionsAreReportedOnlyWhereTheServerNeedsThem() {
        List<String> gateOff = SetupCheck.warnings(WITH_ROLE.withSetNickname(false),
                new SetupCheck.Facts(false, false, false, false, 4, Optional.of(VERIFIED)));
        assertEquals(1, gateOff.size());
        assertTrue(gateOff.get(0).contains("Manage Roles"));

        List<String> all = SetupCheck.warnings(WITH_ROLE.withGateMessages(true),
                new SetupCheck.Facts(false, false, false, false, 4, Optional.of(VERIFIED)));
        assertEquals(3, all.size());
        assertTrue(all.get(1).contains("Manage Nicknames"));
        assertTrue(all.get(2).contains("Manage Messages"));
    }

    @Test
    void kickingWithoutKickMembersIsReportedOnlyWhenTheServerKicks() {
        SetupCheck.Facts noKick = new SetupCheck.Facts(true, true, true, false, 4, Optional.of(VERIFIED));
        assertEquals(List.of(), SetupCheck.warnings(WITH_ROLE, noKick));
        List<String> kicking = SetupCheck.warnings(WITH_ROLE.withKickPolicy(KickPolicy.after(3)), noKick);
        assertEquals(1, kicking.size());
        assertTrue(kicking.get(0).contains("Kick Members"));
    }

    @Test
    void noRoleOrADeletedRoleIsReported() {
        GuildSettings noRole = GuildSettings.boundTo(new GuildId(1), new TenantId("t"));
        assertTrue(SetupCheck.warnings(noRole, new SetupCheck.Facts(true, true, true, true, 4, Optional.empty())).get(0)
                .startsWith("No verified role"));
        assertTrue(SetupCheck.warnings(WITH_ROLE, new SetupCheck.Facts(true, true, true, true, 4, Optional.empty())).get(0)
                .contains("no longer exists"));
    }

    @Test
    void everyoneManagedAndTooHighRolesCantBeTheVerifiedRole() {
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("@everyone", 0, true, false), 4).isPresent());
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("Some Bot", 1, false, true), 4).isPresent());
        assertTrue(SetupCheck.unusableRole(new SetupCheck.RoleFacts("Mods", 4, false, false), 4).isPresent());
        assertEquals(Optional.empty(), SetupCheck.unusableRole(VERIFIED, 4));
    }
}
