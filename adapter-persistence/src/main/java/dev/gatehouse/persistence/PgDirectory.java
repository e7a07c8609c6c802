package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.UserDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Directory users in the {@code directory_users} table, keyed by tenant and normalised user id. */
final class PgDirectory implements UserDirectory {
    private final Jdbc jdbc;

    PgDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DirectoryUser> find(TenantId tenant, DirectoryUserId id) {
        return jdbc.run("finding a directory user", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "SELECT email, display_name FROM directory_users WHERE tenant_id = ? AND user_id = ?"), tenant.value(), id.value());
                    ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DirectoryUser(tenant, id, new EmailAddress(rs.getString("email")),
                        new DisplayName(rs.getString("display_name"))));
            }
        });
    }

    @Override
    public void save(DirectoryUser user) {
        int saved = jdbc.run("saving a directory user", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    INSERT INTO directory_users (tenant_id, user_id, email, display_name)
                    SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = ?)
                    ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name
                    """), user.tenant().value(), user.id().value(), user.email().value(), user.name().value(), user.tenant().value())) {
                return s.executeUpdate();
            }
        });
        if (saved == 0) {
            throw new IllegalArgumentException("no tenant " + user.tenant());
        }
    }

    @Override
    public long count(TenantId tenant) {
        return jdbc.run("counting directory users", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT count(*) FROM directory_users WHERE tenant_id = ?"), tenant.value());
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
