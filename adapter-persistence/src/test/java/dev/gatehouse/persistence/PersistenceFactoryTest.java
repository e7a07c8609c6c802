package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PersistenceFactoryTest {

    @Test
    void aContextWithDatasourcesDefaultMigratesTheDatabaseAndProvidesTheStores() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            ApplicationContext context = db.startContext();
            Stores stores = context.getBean(Stores.class);
            stores.tenants().save(TenantSettings.defaults(new TenantId("factory"), "Factory test"));

            assertSame(context.getBean(PostgresStores.class).stores(), stores);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT display_name FROM tenants WHERE tenant_id = 'factory'")) {
                rs.next();
                assertEquals("Factory test", rs.getString(1));
            }
        }
    }
}
