package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.UserDirectory;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
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
        return db.read("finding a directory user", () -> repository.findById(new DirectoryUserRow.Key(tenant.value(), id.value())))
                .map(row -> new DirectoryUser(tenant, id, new EmailAddress(row.email()), new DisplayName(row.displayName())));
    }

    @Override
    public void save(DirectoryUser user) {
        int saved = db.write("saving a directory user", () -> repository.upsertIfTenantExists(user.tenant().value(), user.id().value(),
                user.email().value(), user.name().value()));
        if (saved == 0) {
            throw new IllegalArgumentException("no tenant " + user.tenant());
        }
    }

    @Override
    public long count(TenantId tenant) {
        return db.read("counting directory users", () -> repository.countOfTenant(tenant.value()));
    }
}
