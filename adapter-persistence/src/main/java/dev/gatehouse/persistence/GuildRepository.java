package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface GuildRepository extends GenericRepository<GuildRow, Long> {

    Optional<GuildRow> findById(long guildId);

    List<GuildRow> findAll();

    List<GuildRow> findByTenantIdOrderByGuildId(String tenantId);

    /**
     * Inserts or replaces the guild if its tenant exists, with a new version, and sends
     * {@code NOTIFY gatehouse_guilds} in the same statement. Returns the new version, or nothing if there is no
     * such tenant.
     */
    @Query("""
            WITH saved AS (
                INSERT INTO guilds (guild_id, tenant_id, verified_role_id, gate_messages, set_nickname, dm_on_join, log_channel_id,
                                    enabled, verify_on_join, kick_after, question_prompt, question_answers, group_roles,
                                    remove_unverified_after_seconds)
                SELECT :guildId, :tenantId, :verifiedRoleId, :gateMessages, :setNickname, :dmOnJoin, :logChannelId,
                       :enabled, :verifyOnJoin, :kickAfter, :questionPrompt, :questionAnswers, :groupRoles,
                       :removeUnverifiedAfterSeconds
                WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = :tenantId)
                ON CONFLICT (guild_id) DO UPDATE SET
                    tenant_id = EXCLUDED.tenant_id, verified_role_id = EXCLUDED.verified_role_id,
                    gate_messages = EXCLUDED.gate_messages, set_nickname = EXCLUDED.set_nickname,
                    dm_on_join = EXCLUDED.dm_on_join, log_channel_id = EXCLUDED.log_channel_id,
                    enabled = EXCLUDED.enabled, verify_on_join = EXCLUDED.verify_on_join, kick_after = EXCLUDED.kick_after,
                    question_prompt = EXCLUDED.question_prompt, question_answers = EXCLUDED.question_answers,
                    group_roles = EXCLUDED.group_roles,
                    remove_unverified_after_seconds = EXCLUDED.remove_unverified_after_seconds, version = nextval('guild_versions')
                RETURNING guild_id, version)
            SELECT version FROM saved, LATERAL (SELECT pg_notify('gatehouse_guilds', guild_id::text)) notified
            """)
    List<Long> upsertAndNotify(long guildId, String tenantId, @Nullable Long verifiedRoleId, boolean gateMessages,
            boolean setNickname, boolean dmOnJoin, @Nullable Long logChannelId, boolean enabled, boolean verifyOnJoin,
            @Nullable Integer kickAfter, @Nullable String questionPrompt, @Nullable String[] questionAnswers, String groupRoles,
            @Nullable Long removeUnverifiedAfterSeconds);

    /**
     * Deletes the guild, giving the removal a version (in the row returned), and sends
     * {@code NOTIFY gatehouse_guilds} with {@code guild|version} in the same statement; returns what was removed.
     */
    @Query("""
            WITH removed AS (
                DELETE FROM guilds WHERE guild_id = :guildId
                RETURNING guild_id, tenant_id, verified_role_id, gate_messages, set_nickname, dm_on_join, log_channel_id,
                          enabled, verify_on_join, kick_after, question_prompt, question_answers, group_roles,
                          remove_unverified_after_seconds),
            versioned AS (SELECT removed.*, nextval('guild_versions') AS version FROM removed)
            SELECT versioned.* FROM versioned,
                LATERAL (SELECT pg_notify('gatehouse_guilds', guild_id || '|' || version)) notified
            """)
    List<GuildRow> deleteAndNotify(long guildId);
}
