package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.port.out.DirectoryImports.Applied;
import dev.gatehouse.core.port.out.DirectoryImports.ImportOutcome;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not part of the default build. Imports 1,000,000 generated directory users through the COPY staging, then compares the cost of
 * a confirmation in a tenant of 1,000 users with one of 1,000,000. Run with
 * {@code ./mvnw -B verify -pl adapter-persistence -am -Dgroups=benchmark -Dbenchmark.excluded=}
 * (add {@code TEST_DATABASE_URL} to use a server instead of the embedded PostgreSQL).
 */
@Tag("benchmark")
class DirectoryScaleBenchmarkTest {
    private static final int LARGE = 1_000_000;
    private static final int SMALL = 1_000;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 400;

    @Test
    void importAMillionUsersAndCompareConfirmationsAtOneThousandAndOneMillion() throws IOException, Exception {
        StringBuilder report = new StringBuilder();
        try (TestDatabase db = TestDatabase.create()) {
            PostgresStores postgres = db.startContext().getBean(PostgresStores.class);
            report.append("server: ").append(serverVersion(db)).append(TestDatabase.embedded() ? " (embedded)" : " (" + TestDatabase.URL_VARIABLE + ")")
                    .append('\n');
            TenantId small = new TenantId("small");
            TenantId large = new TenantId("large");
            for (TenantId tenant : List.of(small, large)) {
                postgres.stores().tenants().save(TenantSettings.defaults(tenant, tenant.value()));
            }
            postgres.stores().guilds().save(GuildSettings.boundTo(new GuildId(10_001), small).withVerifiedRole(new RoleId(1)));
            postgres.stores().guilds().save(GuildSettings.boundTo(new GuildId(10_002), large).withVerifiedRole(new RoleId(2)));

            long started = System.nanoTime();
            ImportOutcome first = importUsers(postgres, large, LARGE);
            double firstSeconds = (System.nanoTime() - started) / 1e9;
            assertEquals(new ImportCounts(LARGE, 0, 0, 0, 0), assertInstanceOf(Applied.class, first).counts());
            report.append(String.format("import of %,d new users: %.1f s%n", LARGE, firstSeconds));

            started = System.nanoTime();
            ImportOutcome again = importUsers(postgres, large, LARGE);
            double againSeconds = (System.nanoTime() - started) / 1e9;
            assertEquals(new ImportCounts(0, 0, LARGE, 0, 0), assertInstanceOf(Applied.class, again).counts());
            report.append(String.format("re-import of the same %,d users (all unchanged): %.1f s%n", LARGE, againSeconds));
            assertInstanceOf(Applied.class, importUsers(postgres, small, SMALL));

            AtomicReference<VerificationEmail> lastEmail = new AtomicReference<>();
            try (Gatehouse gatehouse = Gatehouse.builder()
                    .stores(postgres.stores())
                    .publicBaseUrl(URI.create("https://verify.example.edu"))
                    .mailExecutor(Runnable::run)
                    .mailer(email -> {
                        lastEmail.set(email);
                        return MailOutcome.sent();
                    })
                    .build()) {
                int[] picks = new int[2];
                long[] smallTimes = new long[MEASURED];
                long[] largeTimes = new long[MEASURED];
                long discordUser = 1_000_000L;
                for (int round = -WARM_UP; round < MEASURED; round++) {
                    for (int side = 0; side < 2; side++) {
                        boolean isLarge = (round + side) % 2 == 0;
                        TenantId tenant = isLarge ? large : small;
                        GuildId guild = new GuildId(isLarge ? 10_002 : 10_001);
                        int pick = picks[isLarge ? 1 : 0]++;
                        String userId = userId((int) ((pick * 7919L) % (isLarge ? LARGE : SMALL)));
                        DiscordAccount member = new DiscordAccount(new DiscordUserId(++discordUser), "member" + discordUser);
                        assertInstanceOf(LinkSent.class, gatehouse.requestVerification()
                                .request(new RequestCommand(guild, "Bench", member, userId)), tenant + " " + userId);
                        String link = lastEmail.get().confirmLink().toString();
                        String token = link.substring(link.lastIndexOf('/') + 1);
                        long confirmStarted = System.nanoTime();
                        Object result = gatehouse.reviewVerification().confirm(new LinkCommand(token, new ClientIp("198.51.100.1")));
                        long elapsed = System.nanoTime() - confirmStarted;
                        assertInstanceOf(Confirmed.class, result);
                        postgres.stores().links().remove(tenant, member.id());
                        if (round >= 0) {
                            (isLarge ? largeTimes : smallTimes)[round] = elapsed;
                        }
                    }
                }
                report.append(String.format("confirm, %,d users in the tenant: %s%n", SMALL, summary(smallTimes)));
                report.append(String.format("confirm, %,d users in the tenant: %s%n", LARGE, summary(largeTimes)));
            }
        }
        System.out.println("\n=== Gatehouse persistence benchmark ===\n" + report);
        Path out = Path.of("target", "benchmark-results.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    }

    private static String serverVersion(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        }
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format("median %.2f ms, p90 %.2f ms, mean %.2f ms (%d confirmations)", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, mean, sorted.length);
    }

    private static String userId(int i) {
        return String.format("u%07d", i);
    }

    private static ImportOutcome importUsers(PostgresStores postgres, TenantId tenant, int users) {
        return postgres.stores().transactions().inTransaction(() -> postgres.stores().directoryImports().importRows(tenant,
                IntStream.range(0, users).mapToObj(i -> DirectoryRow.user(i + 2L, userId(i), userId(i) + "@students.example.edu",
                        "Student " + i + ", Example")).iterator(), Instant.now()));
    }
}
