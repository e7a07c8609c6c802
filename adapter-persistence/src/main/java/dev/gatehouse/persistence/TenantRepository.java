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
     * With {@code keepSecret} an existing row keeps the secret it holds (one this process could not decrypt);
     * otherwise the sealed secret given replaces it. The plaintext column is always emptied.
     */
    @Query("""
            INSERT INTO tenants (tenant_id, display_name, session_lifetime, unknown_user_reply, relink_policy,
                                 guild_binding, per_discord_user, per_directory_user, per_tenant, denial_block,
                                 method, handoff_site_url, handoff_secret, handoff_lifetime, question_prompt, question_answers,
                                 handoff_secret_key_id, handoff_secret_sealed, retention, default_language, time_zone,
                                 verification_lifetime, reminder_before)
            VALUES (:tenantId, :displayName, :sessionLifetime, :unknownUserReply, :relinkPolicy,
                    :guildBinding, :perDiscordUser, :perDirectoryUser, :perTenant, :denialBlock,
                    :method, :handoffSiteUrl, NULL, :handoffLifetime, :questionPrompt, :questionAnswers,
                    :handoffSecretKeyId, :handoffSecretSealed, :retention, :defaultLanguage, :timeZone,
                    :verificationLifetime, :reminderBefore)
            ON CONFLICT (tenant_id) DO UPDATE SET
                display_name = EXCLUDED.display_name, session_lifetime = EXCLUDED.session_lifetime,
                unknown_user_reply = EXCLUDED.unknown_user_reply, relink_policy = EXCLUDED.relink_policy,
                guild_binding = EXCLUDED.guild_binding, per_discord_user = EXCLUDED.per_discord_user,
                per_directory_user = EXCLUDED.per_directory_user, per_tenant = EXCLUDED.per_tenant,
                denial_block = EXCLUDED.denial_block, method = EXCLUDED.method,
                handoff_site_url = EXCLUDED.handoff_site_url,
                handoff_secret = CASE WHEN :keepSecret THEN tenants.handoff_secret END,
                handoff_secret_key_id = CASE WHEN :keepSecret THEN tenants.handoff_secret_key_id
                                             ELSE EXCLUDED.handoff_secret_key_id END,
                handoff_secret_sealed = CASE WHEN :keepSecret THEN tenants.handoff_secret_sealed
                                             ELSE EXCLUDED.handoff_secret_sealed END,
                handoff_lifetime = EXCLUDED.handoff_lifetime, question_prompt = EXCLUDED.question_prompt,
                question_answers = EXCLUDED.question_answers, retention = EXCLUDED.retention,
                default_language = EXCLUDED.default_language, time_zone = EXCLUDED.time_zone,
                verification_lifetime = EXCLUDED.verification_lifetime, reminder_before = EXCLUDED.reminder_before
            """)
    void upsert(String tenantId, String displayName, Duration sessionLifetime, String unknownUserReply, String relinkPolicy,
            String guildBinding, String perDiscordUser, String perDirectoryUser, String perTenant, Duration denialBlock,
            String method, @Nullable String handoffSiteUrl, Duration handoffLifetime,
            @Nullable String questionPrompt, @Nullable String[] questionAnswers, @Nullable String handoffSecretKeyId,
            @Nullable byte[] handoffSecretSealed, boolean keepSecret, Duration retention, String defaultLanguage,
            String timeZone, String verificationLifetime, Duration reminderBefore);

    /** Deletes the tenant's row; returns the row count (0: no such tenant). Fails while a guild refers to it. */
    @Query("DELETE FROM tenants WHERE tenant_id = :tenantId")
    int deleteTenant(String tenantId);

    /** Replaces one tenant's secret by its sealed form, only if the row still holds what was read; returns the row count. */
    @Query("""
            UPDATE tenants SET handoff_secret = NULL, handoff_secret_key_id = :keyId, handoff_secret_sealed = :sealed
            WHERE tenant_id = :tenantId
              AND handoff_secret IS NOT DISTINCT FROM :oldPlaintext
              AND handoff_secret_sealed IS NOT DISTINCT FROM :oldSealed
            """)
    int replaceSecret(String tenantId, String keyId, byte[] sealed, @Nullable String oldPlaintext, @Nullable byte[] oldSealed);
}
