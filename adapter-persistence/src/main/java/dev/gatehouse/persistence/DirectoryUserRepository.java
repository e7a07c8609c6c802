package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DirectoryUserRepository extends GenericRepository<DirectoryUserRow, DirectoryUserRow.Key> {

    Optional<DirectoryUserRow> findById(DirectoryUserRow.Key id);

    @Query("SELECT count(*) FROM directory_users WHERE tenant_id = :tenantId")
    long countOfTenant(String tenantId);

    @Query("DELETE FROM directory_users WHERE tenant_id = :tenantId")
    long deleteOfTenant(String tenantId);

    /**
     * Inserts or updates the user if the tenant exists; returns the rows written (0: no such tenant). The tenant's
     * row is locked {@code FOR SHARE}, so a deletion of the tenant either waits for this and deletes the user too, or
     * goes first and this writes nothing.
     */
    @Query("""
            INSERT INTO directory_users (tenant_id, user_id, email, display_name, groups)
            SELECT :tenantId, :userId, :email, :displayName, :groups
            WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = :tenantId FOR SHARE)
            ON CONFLICT (tenant_id, user_id) DO UPDATE
                SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, groups = EXCLUDED.groups
            """)
    int upsertIfTenantExists(String tenantId, String userId, String email, String displayName, String groups);
}
