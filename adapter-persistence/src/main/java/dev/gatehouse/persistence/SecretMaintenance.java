package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the stored hand-off secrets encrypted with the current key: at start it encrypts plaintext left from before
 * V4 (and refuses to go on when secrets are stored but no key is configured); for the operator it re-encrypts
 * every secret with the current key after a rotation. Each row changes only if it still holds what was read, so
 * two processes doing this at once do no harm.
 */
@Singleton
public final class SecretMaintenance {
    private final Db db;
    private final TenantRepository repository;
    private final SecretKeyRing keys;
    private final TenantOidcRepository providers;

    SecretMaintenance(Db db, TenantRepository repository, SecretKeyRing keys, TenantOidcRepository providers) {
        this.db = db;
        this.providers = providers;
        this.repository = repository;
        this.keys = keys;
    }

    /** The id of the key new secrets are encrypted with, if one is configured. */
    public Optional<String> currentKeyId() {
        return keys.currentKeyId();
    }

    /**
     * Encrypts every plaintext secret with the current key; returns how many.
     *
     * @throws SecretKeyUnavailableException if a tenant holds a secret (plaintext or encrypted) and no key is
     *         configured; its message is one line naming the tenant and what to set
     */
    public int sealPlaintextSecrets() {
        List<TenantRow> rows = db.read("reading hand-off secrets", repository::listOrderByTenantId);
        if (keys.currentKeyId().isEmpty()) {
            rows.stream().filter(r -> r.handoffSecret() != null || r.handoffSecretSealed() != null).findFirst().ifPresent(r -> {
                throw new SecretKeyUnavailableException("tenant " + r.tenantId() + " has a hand-off secret but no secrets key "
                        + "is configured: " + SecretKeys.HOW_TO_CONFIGURE);
            });
            db.read("reading client secrets", providers::findAll).stream().filter(r -> r.secretSealed() != null).findFirst()
                    .ifPresent(r -> {
                        throw new SecretKeyUnavailableException("tenant " + r.tenantId() + " has a client secret but no secrets key "
                                + "is configured: " + SecretKeys.HOW_TO_CONFIGURE);
                    });
            return 0;
        }
        int sealed = 0;
        for (TenantRow row : rows) {
            if (row.handoffSecret() != null) {
                SecretKeyRing.Sealed s = keys.seal(PgTenants.secretContext(row.tenantId()),
                        row.handoffSecret().getBytes(StandardCharsets.UTF_8));
                sealed += db.write("encrypting a hand-off secret", () ->
                        repository.replaceSecret(row.tenantId(), s.keyId(), s.ciphertext(), row.handoffSecret(), null));
            }
        }
        return sealed;
    }

    /**
     * Decrypts every stored secret with whichever configured key made it and encrypts it again with the current key.
     *
     * @throws SecretKeyUnavailableException if no key is configured
     */
    public Reencryption reencryptAll() {
        String current = keys.currentKeyId().orElseThrow(() ->
                new SecretKeyUnavailableException("no secrets key is configured: " + SecretKeys.HOW_TO_CONFIGURE));
        sealPlaintextSecrets();
        int reencrypted = 0;
        int alreadyCurrent = 0;
        Map<TenantId, String> unreadable = new LinkedHashMap<>();
        for (TenantRow row : db.read("reading hand-off secrets", repository::listOrderByTenantId)) {
            if (row.handoffSecretSealed() == null) {
                continue;
            }
            String context = PgTenants.secretContext(row.tenantId());
            SecretKeyRing.Opening opening = keys.open(context, row.handoffSecretKeyId(), row.handoffSecretSealed());
            if (opening instanceof SecretKeyRing.Opening.Unopenable u) {
                unreadable.put(new TenantId(row.tenantId()), u.reason());
            } else if (row.handoffSecretKeyId().equals(current)) {
                alreadyCurrent++;
            } else {
                byte[] plaintext = ((SecretKeyRing.Opening.Opened) opening).plaintext();
                SecretKeyRing.Sealed s = keys.seal(context, plaintext);
                Arrays.fill(plaintext, (byte) 0);
                reencrypted += db.write("re-encrypting a hand-off secret", () ->
                        repository.replaceSecret(row.tenantId(), s.keyId(), s.ciphertext(), null, row.handoffSecretSealed()));
            }
        }
        for (TenantOidcRow row : db.read("reading client secrets", providers::findAll)) {
            if (row.secretSealed() == null) {
                continue;
            }
            String context = PgTenants.clientSecretContext(row.tenantId());
            SecretKeyRing.Opening opening = keys.open(context, row.secretKeyId(), row.secretSealed());
            if (opening instanceof SecretKeyRing.Opening.Unopenable u) {
                unreadable.merge(new TenantId(row.tenantId()), "client secret: " + u.reason(), (a, b) -> a + "; " + b);
            } else if (row.secretKeyId().equals(current)) {
                alreadyCurrent++;
            } else {
                byte[] plaintext = ((SecretKeyRing.Opening.Opened) opening).plaintext();
                SecretKeyRing.Sealed s = keys.seal(context, plaintext);
                Arrays.fill(plaintext, (byte) 0);
                reencrypted += db.write("re-encrypting a client secret", () ->
                        providers.replaceSecret(row.tenantId(), s.keyId(), s.ciphertext(), row.secretSealed()));
            }
        }
        return new Reencryption(current, reencrypted, alreadyCurrent, Collections.unmodifiableMap(unreadable));
    }

    /** What {@link #reencryptAll} did: secrets now under {@code keyId}, and the tenants whose secret no key opens. */
    public record Reencryption(String keyId, int reencrypted, int alreadyCurrent, Map<TenantId, String> unreadable) {
    }
}
