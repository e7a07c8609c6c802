package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LinkRepository extends GenericRepository<LinkRow, LinkRow.Key> {

    Optional<LinkRow> findById(LinkRow.Key id);

    @Query("SELECT * FROM links WHERE tenant_id = :tenantId AND directory_user_id = :directoryUserId")
    Optional<LinkRow> findByDirectoryUser(String tenantId, String directoryUserId);

    @Query("SELECT * FROM links WHERE tenant_id = :tenantId ORDER BY linked_at, discord_user_id OFFSET :offset LIMIT :limit")
    List<LinkRow> listOfTenant(String tenantId, int offset, int limit);

    @Query("SELECT count(*) FROM links WHERE tenant_id = :tenantId")
    long countOfTenant(String tenantId);

    /**
     * Inserts the link unless it conflicts with either uniqueness rule ({@code ON CONFLICT DO NOTHING}), sending
     * {@code NOTIFY gatehouse_links} in the same statement. Returns the new link's version, or nothing on a conflict.
     */
    @Query("""
            WITH inserted AS (
                INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin, language)
                VALUES (:tenantId, :discordUserId, :directoryUserId, :linkedAt, :origin, :language)
                ON CONFLICT DO NOTHING
                RETURNING tenant_id, discord_user_id, version)
            SELECT version FROM inserted,
                LATERAL (SELECT pg_notify('gatehouse_links', '+|' || version || '|' || tenant_id || '|' || discord_user_id)) notified
            """)
    List<Long> insertAndNotify(String tenantId, long discordUserId, String directoryUserId, Instant linkedAt, String origin,
                               @Nullable String language);

    /** Deletes the link, giving the deletion a version and sending {@code NOTIFY gatehouse_links}; returns what was removed. */
    @Query("""
            WITH removed AS (
                DELETE FROM links WHERE tenant_id = :tenantId AND discord_user_id = :discordUserId
                RETURNING tenant_id, discord_user_id, directory_user_id, linked_at, origin, language),
            versioned AS (SELECT removed.*, nextval('link_versions') AS version FROM removed)
            SELECT versioned.* FROM versioned,
                LATERAL (SELECT pg_notify('gatehouse_links', '-|' || version || '|' || tenant_id || '|' || discord_user_id)) notified
            """)
    List<LinkRow> deleteAndNotify(String tenantId, long discordUserId);

    /** Deletes every link of the tenant, without notifying; returns how many there were. */
    @Query("DELETE FROM links WHERE tenant_id = :tenantId")
    long deleteOfTenant(String tenantId);

    /**
     * Takes a version for the removal of all the tenant's links and sends it with {@code NOTIFY gatehouse_links}
     * ({@code !|version|tenant}); returns the version, newer than that of every link deleted before.
     */
    @Query("""
            SELECT version FROM (SELECT nextval('link_versions') AS version) next,
                LATERAL (SELECT pg_notify('gatehouse_links', '!|' || version || '|' || :tenantId)) notified
            """)
    long forgetTenantAndNotify(String tenantId);
}
