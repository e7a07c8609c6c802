package dev.gatehouse.core.contract;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the port contract suites. A store implementation subclasses each suite once and returns fresh,
 * empty {@link Stores} from {@link #newStores()}; every test starts from there.
 */
public abstract class StoreContract {
    /** Whole seconds, well inside every store's timestamp precision. */
    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    protected static final TenantId TENANT = new TenantId("cs101");
    protected static final TenantId OTHER_TENANT = new TenantId("acme");

    protected Stores stores;

    /** Fresh stores with no data at all. */
    protected abstract Stores newStores();

    @BeforeEach
    void freshStores() {
        stores = newStores();
    }

    protected void createTenants() {
        stores.tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        stores.tenants().save(TenantSettings.defaults(OTHER_TENANT, "Acme Staff"));
    }

    protected static DirectoryUser user(TenantId tenant, String id, String name) {
        return new DirectoryUser(tenant, new DirectoryUserId(id), new EmailAddress(id + "@example.edu"), new DisplayName(name));
    }

    protected static TokenHash randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new TokenHash(HexFormat.of().formatHex(bytes));
    }

    protected static VerificationSession pendingSession(TenantId tenant, long requester, String userId, Instant createdAt) {
        return new VerificationSession(new SessionId(UUID.randomUUID()), tenant, new GuildId(111), "CS 101 Office Hours",
                new DiscordAccount(new DiscordUserId(requester), "user" + requester), new DirectoryUserId(userId), randomHash(),
                createdAt.truncatedTo(ChronoUnit.SECONDS), createdAt.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(15)),
                SessionState.PENDING);
    }

    /** Polls a condition that an implementation may make true asynchronously (e.g. a cache fed by notifications). */
    protected static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
