package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantOidcRepository extends GenericRepository<TenantOidcRow, String> {

    Optional<TenantOidcRow> findById(String tenantId);

    List<TenantOidcRow> findAll();

    /** Writes the provider settings; {@code keepSecret} keeps the stored ciphertext (it couldn't be opened and wasn't replaced). */
    @Query("""
            INSERT INTO tenant_oidc (tenant_id, issuer, client_id, secret_key_id, secret_sealed, scopes, user_claim, authority,
                                     groups_claim, login_problem)
            VALUES (:tenantId, :issuer, :clientId, :secretKeyId, :secretSealed, :scopes, :userClaim, :authority, :groupsClaim,
                    :loginProblem)
            ON CONFLICT (tenant_id) DO UPDATE SET
                issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
                secret_key_id = CASE WHEN :keepSecret THEN tenant_oidc.secret_key_id ELSE EXCLUDED.secret_key_id END,
                secret_sealed = CASE WHEN :keepSecret THEN tenant_oidc.secret_sealed ELSE EXCLUDED.secret_sealed END,
                scopes = EXCLUDED.scopes, user_claim = EXCLUDED.user_claim, authority = EXCLUDED.authority,
                groups_claim = EXCLUDED.groups_claim, login_problem = EXCLUDED.login_problem
            """)
    void upsert(String tenantId, @Nullable String issuer, @Nullable String clientId, @Nullable String secretKeyId,
            @Nullable byte[] secretSealed, String[] scopes, String userClaim, String authority, String groupsClaim,
            @Nullable String loginProblem, boolean keepSecret);

    /** Replaces the sealed client secret only if the row still holds {@code oldSealed}; returns the rows changed. */
    @Query("UPDATE tenant_oidc SET secret_key_id = :keyId, secret_sealed = :sealed WHERE tenant_id = :tenantId AND secret_sealed = :oldSealed")
    int replaceSecret(String tenantId, String keyId, byte[] sealed, byte[] oldSealed);

    @Query("DELETE FROM tenant_oidc WHERE tenant_id = :tenantId")
    int deleteOfTenant(String tenantId);
}
