package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse roles list. */
class RolesSubcommandTest {
    @Test
    void theListNamesEachGroupWithItsRoleOrSaysHowToMapOne() {
        GuildSettings none = GuildSettings.boundTo(new GuildId(1), new TenantId("t"));
        assertTrue(RolesSubcommand.mappings(none).contains("/gatehouse roles map"));

        String list = RolesSubcommand.mappings(none.withGroupRole(new GroupName("staff"), new RoleId(7)));
        assertTrue(list.contains("`staff` → <@&7>"), list);
    }
}
