package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GroupName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@code UserDirectory}. */
public abstract class UserDirectoryContract extends StoreContract {

    @Test
    void aSavedUserIsFoundByItsIdInAnyLetterCase() {
        createTenants();
        DirectoryUser jane = user(TENANT, "JDoe42", "Jane Doe");
        stores.directory().save(jane);

        assertEquals(Optional.of(jane), stores.directory().find(TENANT, new DirectoryUserId(" jdoe42 ")));
        assertEquals(Optional.empty(), stores.directory().find(TENANT, new DirectoryUserId("jdoe43")));
    }

    @Test
    void savingTheSameIdUpdatesTheUserInPlace() {
        createTenants();
        stores.directory().save(user(TENANT, "jdoe42", "Jane Doe"));
        stores.directory().save(user(TENANT, "jdoe42", "Jane Smith"));

        assertEquals("Jane Smith", stores.directory().find(TENANT, new DirectoryUserId("jdoe42")).orElseThrow().name().value());
        assertEquals(1, stores.directory().count(TENANT));
    }

    @Test
    void twoTenantsWithTheSameUserIdAreKeptApart() {
        createTenants();
        stores.directory().save(user(TENANT, "jdoe42", "Jane Doe"));
        stores.directory().save(user(OTHER_TENANT, "jdoe42", "John Doe"));

        assertEquals("Jane Doe", stores.directory().find(TENANT, new DirectoryUserId("jdoe42")).orElseThrow().name().value());
        assertEquals("John Doe", stores.directory().find(OTHER_TENANT, new DirectoryUserId("jdoe42")).orElseThrow().name().value());
        assertEquals(1, stores.directory().count(TENANT));
    }

    @Test
    void usersBelongToAnExistingTenant() {
        assertThrows(RuntimeException.class, () -> stores.directory().save(user(TENANT, "jdoe42", "Jane Doe")));
    }

    @Test
    void aRemovedUserIsGoneFromItsTenantOnly() {
        createTenants();
        stores.directory().save(user(TENANT, "jdoe42", "Jane Doe"));
        stores.directory().save(user(OTHER_TENANT, "jdoe42", "Jane Other"));

        assertEquals("Jane Doe", stores.directory().remove(TENANT, new DirectoryUserId("JDoe42")).orElseThrow().name().value());

        assertTrue(stores.directory().find(TENANT, new DirectoryUserId("jdoe42")).isEmpty());
        assertTrue(stores.directory().find(OTHER_TENANT, new DirectoryUserId("jdoe42")).isPresent());
        assertTrue(stores.directory().remove(TENANT, new DirectoryUserId("jdoe42")).isEmpty());
    }

    @Test
    void aUsersGroupsComeBackAsSavedAndCanBeChanged() {
        createTenants();
        DirectoryUser staff = new DirectoryUser(TENANT, new DirectoryUserId("prof1"), new EmailAddress("p@example.org"),
                new DisplayName("Prof One"), GroupName.parseList("Staff; alumni"));
        stores.directory().save(staff);
        assertEquals(Optional.of(staff), stores.directory().find(TENANT, new DirectoryUserId("prof1")));
        assertEquals(GroupName.parseList("alumni;staff"), stores.directory().find(TENANT, new DirectoryUserId("prof1")).orElseThrow().groups());

        DirectoryUser none = new DirectoryUser(TENANT, staff.id(), staff.email(), staff.name());
        stores.directory().save(none);
        assertEquals(Optional.of(none), stores.directory().find(TENANT, new DirectoryUserId("prof1")));
    }
}
