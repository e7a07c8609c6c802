package dev.gatehouse.benchmarks;

import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.discord.fake.ShardConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code fleet}: fleets of 1, 2 and 3 packaged jars ({@code gatehouse.fleet.enabled}) on one fresh PostgreSQL database
 * and one fake Discord (the acceptance suite's, recommending {@code --shards} shards with as many identifies at once).
 * For each fleet size: confirms/s through a round-robin client over the instances' link pages (sessions seeded as
 * {@code confirm} seeds them), gate decisions/s (an unverified member's messages in the gated servers of every shard,
 * from the first send until the fake has the last delete), and, from two instances on, the takeover time: from
 * {@code kill -9} of one instance until every shard it held is IDENTIFYed again at the fake by another, and until
 * those sessions finished their login. Afterwards every confirm is checked in SQL and at the fake. Prints one table
 * with the conditions. Reports; never asserts.
 *
 * <p>Options: {@code --instances 1,2,3}, {@code --shards 4}, {@code --guilds 8} (gated servers, spread over the
 * shards), {@code --users 100000}, {@code --seconds 8}, {@code --warm-up 10}, {@code --concurrency 16},
 * {@code --messages 800}, {@code --heartbeat 500ms} and {@code --lease-expiry 3s} ({@code default} for the
 * application's 5 s and 20 s), {@code --first-port 0} (0: free ports), {@code --java-options}, {@code --jar},
 * {@code --admin-url}.
 */
final class FleetLoad {
    private static final long OWNER = 870_000_000_000_000_100L;
    private static final long UNVERIFIED = 870_000_000_000_000_199L;
    /** The gated servers' tenant: another than the confirm server's, so a confirm queues what it queues in {@code confirm}. */
    private static final String GATED_TENANT = "gated";
    private static final String DELETES = "/channels/\\d+/messages/\\d+";
    private static final Pattern DROPPED = Pattern.compile("dropping (GrantRole|SetNickname) for member (\\d+) in server "
            + ConfirmLoad.GUILD + ": the bot is not in server");

    private final Map<String, String> options;
    private final Path work;

    private FleetLoad(Map<String, String> options) throws Exception {
        this.options = options;
        this.work = Files.createTempDirectory("gatehouse-fleet-bench");
    }

    static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--jar", "app/target/gatehouse.jar");
        defaults.put("--admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        defaults.put("--instances", "1,2,3");
        defaults.put("--shards", "4");
        defaults.put("--guilds", "8");
        defaults.put("--users", "100000");
        defaults.put("--seconds", "8");
        defaults.put("--warm-up", "10");
        defaults.put("--concurrency", "16");
        defaults.put("--messages", "800");
        defaults.put("--heartbeat", "500ms");
        defaults.put("--lease-expiry", "3s");
        defaults.put("--first-port", "0");
        defaults.put("--java-options", ConfirmLoad.README_JVM_OPTIONS);
        Map<String, String> options = Options.parse(defaults, args);
        new FleetLoad(options).run();
    }

    private int number(String option) {
        return Integer.parseInt(options.get(option));
    }

    /** One size's figures, as table cells. */
    private record Row(int instances, String owners, String start, String confirms, String costs, String gate, String takeover,
                       String load) {
    }

    private void run() throws Exception {
        Path jar = Path.of(options.get("--jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B package -DskipTests)");
        }
        int shards = number("--shards");
        int users = number("--users");
        int[] sizes = Arrays.stream(options.get("--instances").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        long[] gated = new long[number("--guilds")];
        for (int g = 0; g < gated.length; g++) {
            // snowflakes whose shard is g % shards, as in the acceptance suite's fleet
            gated[g] = (5_000L + g) << 22 | 1;
        }
        long runStart = System.nanoTime();
        String loadAtStart = ConfirmLoad.loadAverage();
        try (ConfirmLoad.Server database = new ConfirmLoad.Server(options.get("--admin-url"));
             FakeDiscord discord = FakeDiscord.start()) {
            discord.recommendShards(shards).maxConcurrency(shards);
            for (long guild : gated) {
                server(discord, guild, guild + 2);
                discord.guild(guild).member(UNVERIFIED, "unverified");
            }
            // the confirm server is not in the fake: its shard's owner drops each queued role and nickname change at
            // once ("the bot is not in server"), where sending it to the fake would make its REST path the bottleneck
            int sessions = Math.min(users, 200_000);

            Map<String, String> operatorEnvironment = new LinkedHashMap<>(database.settings());
            operatorEnvironment.put("MICRONAUT_SERVER_PORT", Integer.toString(ConfirmLoad.freePort()));
            operatorEnvironment.put("GATEHOUSE_WEB_PUBLIC_BASE_URL", "http://127.0.0.1:1");
            operatorEnvironment.put("GATEHOUSE_MANAGEMENT_PORT", Integer.toString(ConfirmLoad.freePort()));
            ConfirmLoad.Operator operator = new ConfirmLoad.Operator(jar, operatorEnvironment, work);
            operator.succeed("tenant", "create", ConfirmLoad.TENANT, "--name", "Bench University");
            Path csv = ConfirmLoad.writeDirectory(work, users);
            operator.succeed("import", ConfirmLoad.TENANT, csv.toString());
            Files.delete(csv);
            operator.succeed("guild", "bind", Long.toString(ConfirmLoad.GUILD), ConfirmLoad.TENANT);
            operator.succeed("tenant", "create", GATED_TENANT, "--name", "Gated Servers");
            for (long guild : gated) {
                operator.succeed("guild", "bind", Long.toString(guild), GATED_TENANT);
            }
            List<String> tokens;
            try (Connection c = database.connect()) {
                ConfirmLoad.configureGuild(c);
                gate(c, gated);
                tokens = ConfirmLoad.seedSessions(c, sessions);
            }

            List<Row> rows = new ArrayList<>();
            List<String> confirmed = new ArrayList<>();
            Set<Long> rolesDropped = new HashSet<>();
            Set<Long> nicknamesDropped = new HashSet<>();
            int slice = tokens.size() / sizes.length;
            for (int s = 0; s < sizes.length; s++) {
                Fleet fleet = new Fleet(jar, database, discord, sizes[s], shards);
                try {
                    String loadBefore = ConfirmLoad.loadAverage();
                    String start = fleet.start();
                    String owners = describeOwners(fleet.owners());
                    ConfirmLoad.ConfirmClient client = new ConfirmLoad.ConfirmClient(fleet.baseUrls(),
                            tokens.subList(s * slice, (s + 1) * slice));
                    client.warmUp(4, Duration.ofSeconds(number("--warm-up")));
                    ConfirmLoad.ConfirmClient.Result confirms = client.run(number("--concurrency"), Duration.ofSeconds(number("--seconds")),
                            fleet.apps(), database);
                    confirmed.addAll(client.confirmedTokens());
                    String gate = gateLoad(discord, gated, fleet.apps());
                    String takeover = sizes[s] < 2 ? "–" : fleet.takeover();
                    rows.add(new Row(sizes[s], owners, start, confirms.describe(), confirms.costs(), gate, takeover,
                            loadBefore + " → " + ConfirmLoad.loadAverage()));
                } finally {
                    fleet.stop();
                    fleet.dropped(rolesDropped, nicknamesDropped);
                }
                awaitNoSessions(discord);
            }
            String check;
            try (Connection c = database.connect()) {
                check = ConfirmLoad.checkEveryConfirm(c, confirmed, rolesDropped, nicknamesDropped)
                        + " (dropped: as the instances logged, since the bot is not in the confirm server); "
                        + count(c, "SELECT count(*) FROM member_updates") + " member updates left queued";
            }
            print(rows, database, users, shards, gated.length, loadAtStart, (System.nanoTime() - runStart) / 1e9, check);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A server as the acceptance suite lays one out for the gate: a verified role, the bot's role above it, a text channel. */
    private static void server(FakeDiscord discord, long guild, long verifiedRole) {
        discord.guild(guild, "Bench " + guild, OWNER)
                .role(verifiedRole, "Verified", 1, 0)
                .role(guild + 4, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.MANAGE_MESSAGES)
                .textChannel(guild + 1, "general")
                .member(OWNER, "owner")
                .botRoles(guild + 4);
    }

    /** The gated servers delete messages of members without a link (the state {@code /gatehouse setup gate:True} leaves). */
    private static void gate(Connection c, long[] gated) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE guilds SET gate_messages = true, verified_role_id = guild_id + 2 "
                + "WHERE guild_id = ANY (?)")) {
            Array ids = c.createArrayOf("bigint", Arrays.stream(gated).boxed().toArray());
            s.setArray(1, ids);
            if (s.executeUpdate() != gated.length) {
                throw new IllegalStateException("not every gated server was bound");
            }
        }
    }

    /** The unverified member posts {@code --messages} messages round robin over the gated servers; rate until the last delete. */
    private String gateLoad(FakeDiscord discord, long[] gated, List<ConfirmLoad.App> apps) throws InterruptedException {
        int messages = number("--messages");
        int before = discord.requests("DELETE", DELETES).size();
        double cpu0 = apps.stream().mapToDouble(a -> ConfirmLoad.cpuSeconds(a.pid())).sum();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long guild = gated[i % gated.length];
            discord.messageCreate(guild, guild + 1, UNVERIFIED, "unverified message " + i);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        List<RecordedCall> deletes = discord.requests("DELETE", DELETES);
        long lastProgress = System.nanoTime();
        int seen = deletes.size();
        while (deletes.size() < before + messages && System.nanoTime() - lastProgress < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(50);
            deletes = discord.requests("DELETE", DELETES);
            if (deletes.size() > seen) {
                seen = deletes.size();
                lastProgress = System.nanoTime();
            }
        }
        double cpu = apps.stream().mapToDouble(a -> ConfirmLoad.cpuSeconds(a.pid())).sum() - cpu0;
        List<RecordedCall> mine = deletes.subList(before, deletes.size());
        long last = mine.stream().mapToLong(RecordedCall::nanoTime).max().orElse(start);
        double seconds = (last - start) / 1e9;
        long distinct = mine.stream().map(RecordedCall::path).distinct().count();
        return "%,.0f/s (%d messages sent in %.1f s, last delete after %.1f s; %d deletes%s; app CPU %.1f ms per message)".formatted(
                mine.size() / seconds, messages, sendSeconds, seconds, mine.size(), distinct == messages && mine.size() == messages
                        ? ", each once" : ", " + distinct + " DISTINCT OF " + messages, cpu * 1000 / Math.max(1, mine.size()));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitNoSessions(FakeDiscord discord) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!discord.openConnections().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static String describeOwners(Map<Integer, String> owners) {
        Map<String, List<Integer>> byOwner = new TreeMap<>();
        owners.forEach((shard, owner) -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(shard));
        return byOwner.values().stream().map(List::size).map(String::valueOf).collect(Collectors.joining("/"));
    }

    /** N instances of the jar, each its own process with its own ports, the fleet's settings and the fake's proxy. */
    private final class Fleet {
        private final FakeDiscord discord;
        private final ConfirmLoad.Server database;
        private final int shards;
        private final Map<String, ConfirmLoad.App> apps = new LinkedHashMap<>();
        private final Map<String, Integer> ports = new LinkedHashMap<>();

        Fleet(Path jar, ConfirmLoad.Server database, FakeDiscord discord, int size, int shards) throws Exception {
            this.discord = discord;
            this.database = database;
            this.shards = shards;
            int firstPort = number("--first-port");
            for (int i = 0; i < size; i++) {
                String name = "fleet-" + (char) ('a' + i);
                int port = firstPort == 0 ? ConfirmLoad.freePort() : firstPort + 2 * i;
                int management = firstPort == 0 ? ConfirmLoad.freePort() : firstPort + 2 * i + 1;
                Map<String, String> environment = new LinkedHashMap<>(database.settings());
                environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
                environment.put("GATEHOUSE_WEB_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
                environment.put("GATEHOUSE_MANAGEMENT_PORT", Integer.toString(management));
                environment.put("GATEHOUSE_DISCORD_TOKEN", FakeDiscord.TOKEN);
                environment.put("GATEHOUSE_FLEET_ENABLED", "true");
                environment.put("GATEHOUSE_FLEET_INSTANCE_ID", name);
                if (!options.get("--heartbeat").equals("default")) {
                    environment.put("GATEHOUSE_FLEET_HEARTBEAT", options.get("--heartbeat"));
                }
                if (!options.get("--lease-expiry").equals("default")) {
                    environment.put("GATEHOUSE_FLEET_LEASE_EXPIRY", options.get("--lease-expiry"));
                }
                List<String> properties = discord.clientJvmArguments(work.resolve(name + "-truststore.p12"));
                apps.put(name, new ConfirmLoad.App(jar, environment, work.resolve(name + ".log"), options.get("--java-options"),
                        properties));
                ports.put(name, port);
            }
        }

        /** Starts the instances one after the other; returns the slowest start to the first 200 and the time to all shards served. */
        String start() throws Exception {
            long begin = System.nanoTime();
            double slowest = 0;
            for (Map.Entry<String, ConfirmLoad.App> app : apps.entrySet()) {
                slowest = Math.max(slowest, app.getValue().startAndAwaitFirst200(ports.get(app.getKey())));
            }
            awaitBalanced(Duration.ofSeconds(180));
            return "%.1f s / %.1f s".formatted(slowest, (System.nanoTime() - begin) / 1e9);
        }

        List<URI> baseUrls() {
            return ports.values().stream().map(p -> URI.create("http://127.0.0.1:" + p)).toList();
        }

        List<ConfirmLoad.App> apps() {
            return List.copyOf(apps.values());
        }

        /** Every shard served by one open session, as many owners as instances (up to the shards), every login complete. */
        private void awaitBalanced(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            int owners = Math.min(apps.size(), shards);
            while (System.nanoTime() < deadline) {
                List<ShardConnection> open = discord.openConnections();
                if (open.size() == shards && open.stream().map(ShardConnection::shard).distinct().count() == shards
                        && new HashSet<>(owners().values()).size() == owners && loginsComplete()) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(apps.size() + " instances did not share the " + shards + " shards within " + timeout
                    + ": owners " + owners() + ", sessions " + discord.openConnections() + "; logs in " + work);
        }

        /** Javacord asks for the application after READY and every GUILD_CREATE; only then does it pass events on. */
        private boolean loginsComplete() {
            return discord.requests("GET", "/oauth2/applications/@me").size() >= discord.connections().size();
        }

        Map<Integer, String> owners() throws SQLException {
            Map<Integer, String> owners = new TreeMap<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT shard, owner FROM shard_leases")) {
                while (rows.next()) {
                    owners.put(rows.getInt(1), rows.getString(2));
                }
            }
            return owners;
        }

        /** {@code kill -9} of the last instance; the time until each of its shards is IDENTIFYed again, and logged in. */
        String takeover() throws Exception {
            String victim = apps.keySet().stream().reduce((a, b) -> b).orElseThrow();
            Set<Integer> orphaned = owners().entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Instant killed = Instant.now();
            long killedNanos = System.nanoTime();
            apps.get(victim).kill();
            long deadline = killedNanos + Duration.ofSeconds(120).toNanos();
            Map<Integer, Instant> identified = new TreeMap<>();
            while (identified.size() < orphaned.size() && System.nanoTime() < deadline) {
                for (ShardConnection session : discord.connections()) {
                    if (orphaned.contains(session.shard()) && session.identifiedAt().isAfter(killed) && session.open()) {
                        identified.putIfAbsent(session.shard(), session.identifiedAt());
                    }
                }
                Thread.sleep(20);
            }
            if (identified.size() < orphaned.size()) {
                return "shards " + orphaned + " NOT TAKEN OVER within 120 s";
            }
            while (!loginsComplete() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double loggedIn = (System.nanoTime() - killedNanos) / 1e9;
            Instant last = identified.values().stream().max(Instant::compareTo).orElseThrow();
            Map<Integer, String> after = owners();
            boolean byOthers = orphaned.stream().noneMatch(shard -> victim.equals(after.get(shard)));
            return "%.1f s to IDENTIFY, %.1f s to logged in (%d shard%s of %s%s)".formatted(
                    Duration.between(killed, last).toMillis() / 1e3, loggedIn, orphaned.size(), orphaned.size() == 1 ? "" : "s",
                    victim, byOthers ? "" : ", STILL LEASED TO IT");
        }

        void stop() throws InterruptedException {
            for (ConfirmLoad.App app : apps.values()) {
                app.stop();
            }
        }

        /** Adds the members whose role grant and nickname change the instances' outbox relays dropped, from their logs. */
        void dropped(Set<Long> roles, Set<Long> nicknames) throws java.io.IOException {
            for (String name : apps.keySet()) {
                Path log = work.resolve(name + ".log");
                if (!Files.exists(log)) {
                    continue;
                }
                try (var lines = Files.lines(log)) {
                    lines.forEach(line -> {
                        Matcher m = DROPPED.matcher(line);
                        if (m.find()) {
                            (m.group(1).equals("GrantRole") ? roles : nicknames).add(Long.parseLong(m.group(2)));
                        }
                    });
                }
            }
        }
    }

    private void print(List<Row> rows, ConfirmLoad.Database database, int users, int shards, int guilds, String loadAtStart,
                       double seconds, String check) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n## Fleet (").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append(")\n\n");
        out.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; database: ")
                .append(database.describe()).append(", one for the whole fleet; the fake Discord (in this JVM) recommends ")
                .append(shards).append(" shards and ").append(shards).append(" identifies at once; ").append(guilds)
.append(" gated servers (").append(guilds / Math.max(1, shards)).append(" per shard, one channel each) in one tenant and one confirm ")
                .append("server (not in the fake) in another; ")
                .append(users).append(" directory users; confirms: ").append(options.get("--warm-up"))
                .append(" s warm-up at concurrency 4, then ").append(options.get("--seconds")).append(" s at concurrency ")
                .append(options.get("--concurrency")).append(", round robin over the instances; gate: ")
                .append(options.get("--messages")).append(" messages; heartbeat ").append(options.get("--heartbeat"))
                .append(", lease expiry ").append(options.get("--lease-expiry")).append("; each jar `java ")
                .append(options.get("--java-options")).append(" -jar`; load average (1 min) ").append(loadAtStart)
                .append(" at the start, ").append(ConfirmLoad.loadAverage()).append(" at the end; ")
                .append("%.0f s in all".formatted(seconds)).append("\n\n");
        out.append("| instances | shards per instance | start: slowest to 200 / all shards served | confirms | CPU per confirm "
                + "| gate decisions | takeover after kill -9 | load |\n");
        out.append("| ---: | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ").append(String.join(" | ", Integer.toString(row.instances()), row.owners(), row.start(), row.confirms(),
                    row.costs(), row.gate(), row.takeover(), row.load())).append(" |\n");
        }
        out.append("\n").append(check).append("\n");
        System.out.println(out);
    }
}
