package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantRepository extends GenericRepository<TenantRow, String> {

    Optional<TenantRow> findById(String tenantId);

    List<TenantRow> listOrderByTenantId();

    /**
     * Inserts the tenant or replaces its settings. The durations and the answers are bound like the entity's
     * properties of the same name (the durations through {@link IntervalConverter}, the answers as {@code text[]}).
     */
    @Query("""
            INSERT INTO tenants (tenant_id, display_name, session_lifetime, unknown_user_reply, relink_policy,
                                 guild_binding, per_discord_user, per_directory_user, per_tenant, denial_block,
                                 method, handoff_site_url, handoff_secret, handoff_lifetime, question_prompt, question_answers)
            VALUES (:tenantId, :displayName, :sessionLifetime, :unknownUserReply, :relinkPolicy,
                    :guildBinding, :perDiscordUser, :perDirectoryUser, :perTenant, :denialBlock,
                    :method, :handoffSiteUrl, :handoffSecret, :handoffLifetime, :questionPrompt, :questionAnswers)
            ON CONFLICT (tenant_id) DO UPDATE SET
                display_name = EXCLUDED.display_name, session_lifetime = EXCLUDED.session_lifetime,
                unknown_user_reply = EXCLUDED.unknown_user_reply, relink_policy = EXCLUDED.relink_policy,
                guild_binding = EXCLUDED.guild_binding, per_discord_user = EXCLUDED.per_discord_user,
                per_directory_user = EXCLUDED.per_directory_user, per_tenant = EXCLUDED.per_tenant,
                denial_block = EXCLUDED.denial_block, method = EXCLUDED.method,
                handoff_site_url = EXCLUDED.handoff_site_url, handoff_secret = EXCLUDED.handoff_secret,
                handoff_lifetime = EXCLUDED.handoff_lifetime, question_prompt = EXCLUDED.question_prompt,
                question_answers = EXCLUDED.question_answers
            """)
    void upsert(String tenantId, String displayName, Duration sessionLifetime, String unknownUserReply, String relinkPolicy,
            String guildBinding, String perDiscordUser, String perDirectoryUser, String perTenant, Duration denialBlock,
            String method, @Nullable String handoffSiteUrl, @Nullable String handoffSecret, Duration handoffLifetime,
            @Nullable String questionPrompt, @Nullable String[] questionAnswers);
}
