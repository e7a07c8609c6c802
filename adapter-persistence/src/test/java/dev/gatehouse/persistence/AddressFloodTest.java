package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import dev.gatehouse.core.port.in.ReviewVerification.TooManyAttempts;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A flood of bad links from distinct addresses (every IPv6 /64 is a new client) costs one small row per address,
 * and those rows are gone once the backoff's day-long memory has lapsed. The bound asserted here is the one the
 * README states.
 */
class AddressFloodTest {
    static final int ADDRESSES = 50_000;
    /** The README's bound: at most this many bytes of rate-limit tables per distinct address within the memory. */
    static final long BYTES_PER_ADDRESS = 250;
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String GUESS = "guessedTokenguessedTokenguessedTokenguessed";

    @Test
    void fiftyThousandAttackerAddressesLeaveOneRowEachAndNoneAfterAQuietDay() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            PostgresStores postgres = db.startContext().getBean(PostgresStores.class);
            try (Gatehouse gatehouse = Gatehouse.builder()
                    .stores(postgres.stores())
                    .clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .publicBaseUrl(URI.create("https://verify.example.edu"))
                    .mailer(email -> MailOutcome.sent())
                    .build()) {
                ReviewVerification review = gatehouse.reviewVerification();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> work = new ArrayList<>();
                    int slices = 8;
                    for (int slice = 0; slice < slices; slice++) {
                        int first = slice;
                        work.add(pool.submit(() -> {
                            for (int i = first; i < ADDRESSES; i += slices) {
                                assertInstanceOf(LinkUnknown.class, review.preview(new LinkCommand(GUESS, widestSlash64(i))));
                            }
                        }));
                    }
                    for (Future<?> done : work) {
                        done.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                ClientIp persistent = new ClientIp("203.0.113.66");
                for (int i = 0; i < 1_000; i++) {
                    Object result = review.confirm(new LinkCommand(GUESS, persistent));
                    assertEquals(i < 5 ? LinkUnknown.class : TooManyAttempts.class, result.getClass(), "failure " + (i + 1));
                }

                long rows = count(db, "rate_limit_failure_counts");
                long bytes = bytes(db);
                System.out.printf("address flood: %,d addresses + 1 sending 1,000 -> %,d rows, %,d bytes (%.0f per address)%n",
                        ADDRESSES, rows, bytes, (double) bytes / (ADDRESSES + 1));
                assertEquals(ADDRESSES + 1, rows, "one row per address, however many failures it sent");
                assertEquals(0, count(db, "rate_limit_keys"), "failures lock no key row");
                assertTrue(bytes <= BYTES_PER_ADDRESS * (ADDRESSES + 1),
                        "the stated bound of " + BYTES_PER_ADDRESS + " bytes per address; measured " + bytes);

                postgres.stores().rateLimits().purge(T0.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofDays(32));
                assertEquals(ADDRESSES + 1, count(db, "rate_limit_failure_counts"), "still remembered: kept");
                postgres.stores().rateLimits().purge(T0.plus(Duration.ofDays(1)), Duration.ofDays(32));
                assertEquals(0, count(db, "rate_limit_failure_counts"), "a quiet day later: gone");
            }
        }
    }

    /** A distinct /64 whose text is as long as a /64 key gets: every group four hex digits. */
    private static ClientIp widestSlash64(int i) {
        return new ClientIp(String.format("2001:db8:%04x:%04x:ffff:ffff:ffff:ffff", 0x1000 + (i >>> 16), 0x1000 + (i & 0xffff)));
    }

    private static long count(TestDatabase db, String table) throws SQLException {
        return query(db, "SELECT count(*) FROM " + table);
    }

    /** Heap, indexes and TOAST of every rate-limit table, after a plain VACUUM has made the free space reusable. */
    private static long bytes(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM rate_limit_failure_counts, rate_limit_keys, rate_limit_events, rate_limit_blocks");
        }
        return query(db, """
                SELECT pg_total_relation_size('rate_limit_failure_counts') + pg_total_relation_size('rate_limit_keys')
                     + pg_total_relation_size('rate_limit_events') + pg_total_relation_size('rate_limit_blocks')
                """);
    }

    private static long query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
