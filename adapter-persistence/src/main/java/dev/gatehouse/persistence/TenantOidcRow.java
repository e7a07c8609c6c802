package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A row of {@code tenant_oidc}: a tenant's identity provider; the client secret sealed like the hand-off secret. */
@MappedEntity("tenant_oidc")
record TenantOidcRow(
        @Id String tenantId,
        @Nullable String issuer,
        @Nullable String clientId,
        @Nullable String secretKeyId,
        @Nullable byte[] secretSealed,
        @TypeDef(type = DataType.STRING_ARRAY) String[] scopes,
        String userClaim,
        String authority,
        String groupsClaim,
        @Nullable String loginProblem) {
}
