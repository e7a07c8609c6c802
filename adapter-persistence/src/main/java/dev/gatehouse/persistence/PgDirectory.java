package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.UserDirectory;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Directory users in the {@code directory_users} table, keyed by tenant and normalised user id. */
@Singleton
@Bean(typed = PgDirectory.class)
final class PgDirectory implements UserDirectory {
    private final Db db;
    private final DirectoryUserRepository repository;

    PgDirectory(Db db, DirectoryUserRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Optional<DirectoryUser> find(TenantId tenant, DirectoryUserId id) {
        return db.jdbc("finding a directory user", c -> find(c, tenant, id));
    }

    /** In plain JDBC: every confirmation and every join of a linked member reads one, so it skips the repository's mapping. */
    private static Optional<DirectoryUser> find(Connection c, TenantId tenant, DirectoryUserId id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT email, display_name, groups FROM directory_users WHERE tenant_id = ? AND user_id = ?")) {
            select.setString(1, tenant.value());
            select.setString(2, id.value());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new DirectoryUser(tenant, id, new EmailAddress(rs.getString(1)), new DisplayName(rs.getString(2)),
                        GroupName.parseList(rs.getString(3)))) : Optional.empty();
            }
        }
    }

    @Override
    public void save(DirectoryUser user) {
        int saved = db.write("saving a directory user", () -> repository.upsertIfTenantExists(user.tenant().value(), user.id().value(),
                user.email().value(), user.name().value(), GroupName.format(user.groups())));
        if (saved == 0) {
            throw new IllegalArgumentException("no tenant " + user.tenant());
        }
    }

    @Override
    public long count(TenantId tenant) {
        return db.read("counting directory users", () -> repository.countOfTenant(tenant.value()));
    }

    @Override
    public Optional<DirectoryUser> remove(TenantId tenant, DirectoryUserId id) {
        return db.write("removing a directory user", () -> db.jdbc("removing a directory user", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM directory_users WHERE tenant_id = ? AND user_id = ? RETURNING email, display_name, groups")) {
                delete.setString(1, tenant.value());
                delete.setString(2, id.value());
                try (ResultSet rs = delete.executeQuery()) {
                    return rs.next() ? Optional.of(new DirectoryUser(tenant, id, new EmailAddress(rs.getString(1)),
                            new DisplayName(rs.getString(2)), GroupName.parseList(rs.getString(3)))) : Optional.empty();
                }
            }
        }));
    }
}
