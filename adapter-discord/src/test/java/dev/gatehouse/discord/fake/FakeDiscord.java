package dev.gatehouse.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.javacord.core.util.gateway.DiscordWebSocketAdapter;

/**
 * An in-process Discord that the real Javacord client logs in to: an HTTPS-intercepting proxy answers the
 * REST API on {@code discord.com}, and a websocket server plays the gateway. Holds servers with roles,
 * channels and members; records every REST request for assertions; lets a test script answers (such as a
 * 429) and push gateway events (slash commands, button clicks in servers and DMs, modal submits, messages,
 * member joins). Checks interaction callbacks as Discord does (one per interaction, modals only where allowed and
 * well formed), kicks members with Discord's permission rules, and keeps the messages the bot sends by DM.
 *
 * <p>Use {@link #apiBuilder()} for a Javacord builder pointed at it. One fake serves several logins in turn and
 * several shards at once: a client identifying with {@code shard: [i, n]} gets READY and GUILD_CREATE only for the
 * guilds {@code (guild_id >> 22) % n == i}, and each guild's events go to the latest connection of its shard (DMs to
 * shard 0); {@link #connections()} is the log of who identified which shard when, and when it went away. Another process (the packaged app) reaches it through
 * the JVM's standard proxy and trust store properties, {@link #clientJvmArguments(Path)}; it must log in with
 * {@link #TOKEN}. Faults: Discord unavailable ({@link #unavailable(boolean)}), a dropped gateway connection
 * ({@link #dropGateway()}), a REST request that hangs ({@link #holdNext}). Thread-safe.
 */
public final class FakeDiscord implements AutoCloseable {

    /** The token {@link #apiBuilder()} logs in with; REST calls and IDENTIFYs with another token are refused. */
    public static final String TOKEN = "fake-discord-bot-token";

    /** The password of the trust store {@link #writeTrustStore(Path)} writes. */
    public static final String TRUST_STORE_PASSWORD = "fake-discord";

    /** Discord permission bits used in tests. */
    public static final class Permissions {
        public static final long KICK_MEMBERS = 1L << 1;
        public static final long ADMINISTRATOR = 1L << 3;
        public static final long MANAGE_CHANNELS = 1L << 4;
        public static final long MANAGE_GUILD = 1L << 5;
        public static final long VIEW_CHANNEL = 1L << 10;
        public static final long SEND_MESSAGES = 1L << 11;
        public static final long MANAGE_MESSAGES = 1L << 13;
        public static final long READ_MESSAGE_HISTORY = 1L << 16;
        public static final long CHANGE_NICKNAME = 1L << 26;
        public static final long MANAGE_NICKNAMES = 1L << 27;
        public static final long MANAGE_ROLES = 1L << 28;
        public static final long USE_APPLICATION_COMMANDS = 1L << 31;
        /** What {@code @everyone} gets by default in the fake. */
        public static final long MEMBER_DEFAULT = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | CHANGE_NICKNAME
                | USE_APPLICATION_COMMANDS;
        public static final long ALL = (1L << 47) - 1;

        private Permissions() {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API_PATH = Pattern.compile("^/api/v\\d+(/[^?]*)(?:\\?(.*))?$");
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;

    private final long applicationId;
    private final long botUserId;
    private final String botName;
    private final MockWebServer proxy = new MockWebServer();
    private final MockWebServer gatewayServer = new MockWebServer();
    private final AtomicLong snowflakes = new AtomicLong((System.currentTimeMillis() - DISCORD_EPOCH) << 22);
    private final AtomicLong requestSequence = new AtomicLong();

    private final Map<Long, FakeGuild> guilds = new LinkedHashMap<>();
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, Long> dmChannels = new HashMap<>();
    private final Set<Long> closedDms = new HashSet<>();
    private final Set<Long> otherBots = new HashSet<>();
    private final Map<String, ObjectNode> commands = new LinkedHashMap<>();
    /** The Discord client language each user's interactions carry as {@code locale}; en-US unless set. */
    private final Map<Long, String> userLocales = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, InteractionState> interactions = new HashMap<>();
    private final List<SentMessage> sentMessages = new ArrayList<>();
    private final Set<Long> seenMessages = new HashSet<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Set<Long> consumed = new HashSet<>();
    private final List<Script> scripts = new ArrayList<>();

    private final List<Hold> holds = new ArrayList<>();
    private final HeldCertificate authority = new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("Fake Discord CA")
            .build();

    private final Map<WebSocket, Connection> connections = new LinkedHashMap<>();
    private final List<ShardConnection> connectionLog = new ArrayList<>();
    private final List<Instant> identifies = new ArrayList<>();
    private volatile int recommendedShards = 1;
    private volatile int maxConcurrency = 1;
    private volatile int dailyIdentifies = 1000;
    private volatile CompletableFuture<Long> identified = new CompletableFuture<>();
    private volatile boolean unavailable;
    private final List<Instant> readies = new ArrayList<>();
    private volatile boolean resumableSessions;
    private final Map<String, Session> sessions = new HashMap<>();
    private final List<Resume> resumes = new ArrayList<>();

    /** One open gateway websocket: its own sequence numbers and, once identified, its shard and log entry. */
    private static final class Connection {
        final WebSocket socket;
        AtomicInteger sequence = new AtomicInteger();
        /** The session this connection carries when sessions are resumable; it outlives the connection. */
        Session session;
        int shard = -1;
        int shardCount = 1;
        int logIndex = -1;

        Connection(WebSocket socket) {
            this.socket = socket;
        }

        boolean serves(long guildId) {
            return shard >= 0 && (int) ((guildId >> 22) % shardCount) == shard;
        }
    }

    private record Script(String method, Pattern path, FakeResponse response) {
    }

    /** A resumable gateway session: its shard, its sequence numbers and every dispatch sent or queued for it. */
    private static final class Session {
        final String id;
        final int shard;
        final int shardCount;
        final AtomicInteger sequence;
        final List<String> dispatches = new ArrayList<>();
        Connection connection;

        Session(String id, int shard, int shardCount, AtomicInteger sequence) {
            this.id = id;
            this.shard = shard;
            this.shardCount = shardCount;
            this.sequence = sequence;
        }

        boolean serves(long guildId) {
            return (int) ((guildId >> 22) % shardCount) == shard;
        }
    }

    /** An op 6 RESUME the fake received: the session it named, the last sequence the client had seen, and whether it resumed. */
    public record Resume(String sessionId, int sequence, Instant at, boolean resumed) {
    }

    /** What the fake remembers of an interaction it pushed: its type, origin, and whether it was answered. */
    private static final class InteractionState {
        final long id;
        final int type;
        final OptionalLong guildId;
        final long channelId;
        final long userId;
        final ObjectNode message;
        boolean acknowledged;

        InteractionState(long id, int type, OptionalLong guildId, long channelId, long userId, ObjectNode message) {
            this.id = id;
            this.type = type;
            this.guildId = guildId;
            this.channelId = channelId;
            this.userId = userId;
            this.message = message;
        }
    }

    private FakeDiscord() {
        this.applicationId = nextId();
        this.botUserId = applicationId;
        this.botName = "Gatehouse";
        users.put(botUserId, botName);
    }

    /** Starts the proxy and the gateway on free loopback ports. */
    public static FakeDiscord start() {
        FakeDiscord fake = new FakeDiscord();
        try {
            fake.startServers();
        } catch (IOException e) {
            fake.close();
            throw new UncheckedIOException("could not start the fake Discord", e);
        }
        return fake;
    }

    private void startServers() throws IOException {
        HeldCertificate certificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName("discord.com")
                .commonName("discord.com")
                .signedBy(authority)
                .build();
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(certificate, authority.certificate())
                .build();
        proxy.useHttps(serverCertificates.sslSocketFactory(), true);
        proxy.setProtocols(List.of(Protocol.HTTP_1_1));
        proxy.setDispatcher(new RestDispatcher());
        proxy.start(InetAddress.getLoopbackAddress(), 0);

        gatewayServer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (unavailable) {
                    return new MockResponse().setResponseCode(503).setBody("upstream connect error");
                }
                return new MockResponse().withWebSocketUpgrade(new Gateway());
            }
        });
        gatewayServer.start(InetAddress.getLoopbackAddress(), 0);
    }

    // ---- set-up ----------------------------------------------------------------------------------

    /** Adds a server; {@code @everyone} gets {@link Permissions#MEMBER_DEFAULT}. The bot is a member. */
    public FakeGuild guild(long id, String name, long ownerId) {
        FakeGuild guild = new FakeGuild(this, id, name, ownerId, Permissions.MEMBER_DEFAULT);
        guild.botRoles();
        lock.lock();
        try {
            guilds.put(id, guild);
        } finally {
            lock.unlock();
        }
        return guild;
    }

    /** Registers a user (Discord account); members and message authors must be known users. */
    public FakeDiscord user(long id, String username) {
        lock.lock();
        try {
            users.put(id, username);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Registers another bot account (its user object carries {@code bot: true}), e.g. to post messages the gate must keep. */
    public FakeDiscord botUser(long id, String username) {
        lock.lock();
        try {
            users.put(id, username);
            otherBots.add(id);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** The user has closed DMs from server members: opening works, sending answers 403 / 50007. */
    public FakeDiscord closeDms(long userId) {
        lock.lock();
        try {
            closedDms.add(userId);
        } finally {
            lock.unlock();
        }
        return this;
    }

    public FakeGuild guild(long id) {
        lock.lock();
        try {
            FakeGuild guild = guilds.get(id);
            if (guild == null) {
                throw new IllegalArgumentException("no fake guild " + id);
            }
            return guild;
        } finally {
            lock.unlock();
        }
    }

    public long botUserId() {
        return botUserId;
    }

    public long applicationId() {
        return applicationId;
    }

    /** A fresh snowflake, for ids of test objects. */
    public long nextId() {
        return snowflakes.incrementAndGet();
    }

    // ---- the client ------------------------------------------------------------------------------

    /**
     * A Javacord builder pointed at this fake: only {@code discord.com} goes through the intercepting proxy,
     * certificates are trusted blindly, no shutdown hook, no identify delay, the non-privileged intents plus
     * {@code GUILD_MEMBERS}. Resets Javacord's JVM-wide gateway cache, so call it right before each login.
     */
    public DiscordApiBuilder apiBuilder() {
        DiscordWebSocketAdapter.setGateway(null);
        identified = new CompletableFuture<>();
        return new DiscordApiBuilder()
                .setToken(TOKEN)
                .setProxySelector(proxySelector())
                .setTrustAllCertificates(true)
                .setShutdownHookRegistrationEnabled(false)
                .setGatewayIdentifyRatelimiter(() -> {
                })
                .setAllNonPrivilegedIntentsAnd(Intent.GUILD_MEMBERS);
    }

    /** Sends {@code discord.com} through the fake's proxy and everything else direct. */
    public ProxySelector proxySelector() {
        Proxy viaFake = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort()));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return "discord.com".equalsIgnoreCase(uri.getHost()) ? List.of(viaFake) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }

    /** The port of the HTTPS-intercepting proxy for {@code discord.com}. */
    public int proxyPort() {
        return proxy.getPort();
    }

    /**
     * Writes a PKCS12 trust store holding only the CA that issued the fake's {@code discord.com} certificate, with
     * the password {@link #TRUST_STORE_PASSWORD}.
     */
    public Path writeTrustStore(Path file) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("fake-discord-ca", authority.certificate());
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fake Discord's trust store to " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build the fake Discord's trust store", e);
        }
    }

    /**
     * The standard JVM properties that send another Java process's {@code https} traffic through this fake's proxy
     * and make it trust the fake's CA (written to {@code trustStore}); its loopback traffic (the gateway) stays
     * direct. The process trusts nothing else, which is fine for a process that reaches only loopback.
     */
    public List<String> clientJvmArguments(Path trustStore) {
        writeTrustStore(trustStore);
        return List.of(
                "-Dhttps.proxyHost=" + proxy.getHostName(),
                "-Dhttps.proxyPort=" + proxy.getPort(),
                "-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath(),
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    // ---- faults ----------------------------------------------------------------------------------

    /**
     * Discord is down (or back): while down, every REST request (including {@code GET /gateway}) answers 503 and the
     * gateway refuses websocket upgrades with 503. Going down also drops the current gateway connection.
     */
    public FakeDiscord unavailable(boolean down) {
        unavailable = down;
        if (down) {
            dropGateway();
        }
        return this;
    }

    /**
     * Drops the current gateway connection as Discord does when it restarts a gateway node (close code 4000, which
     * allows a resume); the client must reconnect. Returns whether a connection was open.
     */
    public boolean dropGateway() {
        Connection latest;
        lock.lock();
        try {
            latest = connections.values().stream().reduce((a, b) -> b).orElse(null);
        } finally {
            lock.unlock();
        }
        if (latest == null) {
            return false;
        }
        closeConnection(latest, 4000, "fake Discord dropped the connection");
        return true;
    }

    /**
     * Makes gateway sessions resumable as Discord's are (off unless set, so op 6 is answered with op 9 "not resumable"):
     * READY carries {@code resume_gateway_url}; dispatches for a shard whose connection dropped are queued in its session;
     * a RESUME naming the session replays every dispatch after the client's {@code seq}, then sends RESUMED.
     */
    public FakeDiscord resumableSessions(boolean resumable) {
        this.resumableSessions = resumable;
        return this;
    }

    /** Every op 6 RESUME received so far, in order. */
    public List<Resume> resumes() {
        lock.lock();
        try {
            return List.copyOf(resumes);
        } finally {
            lock.unlock();
        }
    }

    /** The shard count {@code GET /gateway/bot} recommends (1 unless set). */
    public FakeDiscord recommendShards(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1");
        }
        recommendedShards = shards;
        return this;
    }

    /** The {@code session_start_limit.max_concurrency} {@code GET /gateway/bot} reports (1 unless set). */
    public FakeDiscord maxConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1");
        }
        maxConcurrency = concurrency;
        return this;
    }

    /**
     * The identifies left for the day ({@code session_start_limit.remaining} counts down from it; at zero the gateway
     * closes IDENTIFYs with 4004 as Discord resets the token).
     */
    public FakeDiscord dailyIdentifies(int budget) {
        dailyIdentifies = budget;
        return this;
    }

    /** Every gateway session that identified so far, oldest first (open ones without {@code closedAt}). */
    public List<ShardConnection> connections() {
        lock.lock();
        try {
            return List.copyOf(connectionLog);
        } finally {
            lock.unlock();
        }
    }

    /** The sessions open right now, by shard (a shard served twice appears twice). */
    public List<ShardConnection> openConnections() {
        return connections().stream().filter(ShardConnection::open).toList();
    }

    /** When each IDENTIFY arrived, oldest first (to check a client's identify pacing). */
    public List<Instant> identifyTimes() {
        lock.lock();
        try {
            return List.copyOf(identifies);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code condition} holds for the connection log. */
    public List<ShardConnection> awaitConnections(java.util.function.Predicate<List<ShardConnection>> condition,
            String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(List.copyOf(connectionLog))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(what + " did not happen within " + timeout + "; connections:\n  "
                            + connectionLog.stream().map(ShardConnection::toString).collect(Collectors.joining("\n  ")));
                }
                changed.awaitNanos(left);
            }
            return List.copyOf(connectionLog);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every open connection of {@code shard} with {@code code}; returns how many were open. */
    public int dropShard(int shard, int code) {
        List<Connection> serving;
        lock.lock();
        try {
            serving = connections.values().stream().filter(c -> c.shard == shard).toList();
        } finally {
            lock.unlock();
        }
        serving.forEach(c -> closeConnection(c, code, "fake Discord dropped the shard"));
        return serving.size();
    }

    private void closeConnection(Connection connection, int code, String reason) {
        forgetConnection(connection.socket);
        try {
            connection.socket.close(code, reason);
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    private void forgetConnection(WebSocket socket) {
        lock.lock();
        try {
            Connection gone = connections.remove(socket);
            if (gone != null && gone.session != null && gone.session.connection == gone) {
                gone.session.connection = null;
            }
            if (gone != null && gone.logIndex >= 0) {
                ShardConnection entry = connectionLog.get(gone.logIndex);
                if (entry.open()) {
                    connectionLog.set(gone.logIndex, new ShardConnection(entry.connection(), entry.shard(),
                            entry.shardCount(), entry.identifiedAt(), Optional.of(Instant.now())));
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next REST request with this method and a path matching the regex in full hangs until {@link Hold#release()}
     * or until {@code atMost} has passed, and is then answered as usual. A request still held when the fake closes is
     * dropped unanswered (connection closed) and never takes effect.
     */
    public Hold holdNext(String method, String pathRegex, Duration atMost) {
        Hold hold = new Hold(method, Pattern.compile(pathRegex), atMost);
        lock.lock();
        try {
            holds.add(hold);
        } finally {
            lock.unlock();
        }
        return hold;
    }

    /** A REST request the fake keeps hanging; see {@link #holdNext}. */
    public static final class Hold {
        private final String method;
        private final Pattern path;
        private final Duration atMost;
        private final CompletableFuture<String> arrived = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean dropped;

        private Hold(String method, Pattern path, Duration atMost) {
            this.method = method;
            this.path = path;
            this.atMost = atMost;
        }

        /** Waits until the matching request arrived (and hangs); returns its path. */
        public String awaitArrival(Duration timeout) {
            try {
                return arrived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("no " + method + " " + path + " arrived to be held within " + timeout, e);
            }
        }

        /** Lets the held request go on to its usual answer. */
        public void release() {
            released.countDown();
        }

        /** Whether this request has arrived. */
        public boolean arrived() {
            return arrived.isDone();
        }

        private boolean matches(String method, String path) {
            return !arrived.isDone() && this.method.equalsIgnoreCase(method) && this.path.matcher(path).matches();
        }

        /** Hangs the calling (server) thread; false if the request is to be dropped. */
        private boolean hang() {
            try {
                released.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !dropped;
        }

        private void drop() {
            dropped = true;
            released.countDown();
        }
    }

    /** How many times a client completed IDENTIFY (got READY) so far. */
    public int readyCount() {
        lock.lock();
        try {
            return readies.size();
        } finally {
            lock.unlock();
        }
    }

    /** When the fake sent its {@code login}-th READY (1 is the first). */
    public Instant readyAt(int login) {
        lock.lock();
        try {
            return readies.get(login - 1);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} IDENTIFYs have been answered with READY since the fake started. */
    public void awaitReadyCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (readies.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the client did not log in (READY #" + count + ") within " + timeout
                            + "; requests seen:\n  " + calls.stream().map(RecordedCall::toString).collect(Collectors.joining("\n  ")));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a login", e);
        } finally {
            lock.unlock();
        }
    }

    /** The gateway intents bitmask of the latest IDENTIFY, once the client sent it. */
    public long awaitIdentifiedIntents(Duration timeout) {
        try {
            return identified.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client did not identify on the gateway within " + timeout, e);
        }
    }

    // ---- REST assertions ------------------------------------------------------------------------

    /** Every REST request so far, oldest first. */
    public List<RecordedCall> requests() {
        lock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            lock.unlock();
        }
    }

    /** Every REST request so far with this method and a path matching the regex in full. */
    public List<RecordedCall> requests(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests().stream().filter(c -> matches(c, method, pattern)).collect(Collectors.toList());
    }

    /**
     * Waits for the oldest matching request not yet returned by an earlier {@code awaitRequest}, and returns
     * it. Fails with the requests seen so far if none comes within the timeout.
     */
    public RecordedCall awaitRequest(String method, String pathRegex, Duration timeout) {
        Pattern pattern = Pattern.compile(pathRegex);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (RecordedCall call : calls) {
                    if (!consumed.contains(call.sequence()) && matches(call, method, pattern)) {
                        consumed.add(call.sequence());
                        return call;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + method + " " + pathRegex + " within " + timeout + "; requests seen:\n  "
                            + calls.stream().map(RecordedCall::toString).collect(Collectors.joining("\n  ")));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + method + " " + pathRegex, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A negative check: fails if a matching request arrives (or arrived unconsumed) within the window. Only
     * as good as the window; prefer awaiting a later request that must follow the one that didn't come.
     */
    public void assertNoRequest(String method, String pathRegex, Duration window) {
        Pattern pattern = Pattern.compile(pathRegex);
        long deadline = System.nanoTime() + window.toNanos();
        lock.lock();
        try {
            while (true) {
                for (RecordedCall call : calls) {
                    if (!consumed.contains(call.sequence()) && matches(call, method, pattern)) {
                        throw new AssertionError("unexpected request " + call);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** Marks all requests so far as seen, so later awaits only see what comes next. */
    public void forgetRequests() {
        lock.lock();
        try {
            calls.forEach(c -> consumed.add(c.sequence()));
        } finally {
            lock.unlock();
        }
    }

    /** The next request with this method and a path matching the regex in full gets this answer, once. */
    public FakeDiscord respondNext(String method, String pathRegex, FakeResponse response) {
        lock.lock();
        try {
            scripts.add(new Script(method, Pattern.compile(pathRegex), response));
        } finally {
            lock.unlock();
        }
        return this;
    }

    private static boolean matches(RecordedCall call, String method, Pattern path) {
        return call.method().equalsIgnoreCase(method) && path.matcher(call.path()).matches();
    }

    // ---- gateway pushes --------------------------------------------------------------------------

    /**
     * Pushes a dispatch (op 0) to the latest connection of the shard that serves the event's {@code guild_id} (shard 0
     * when it has none), with that connection's next sequence number.
     */
    public void dispatch(String type, JsonNode data) {
        long guildId = data.hasNonNull("guild_id") ? Long.parseUnsignedLong(data.get("guild_id").asText()) : 0L;
        Connection target;
        lock.lock();
        try {
            target = connections.values().stream().filter(c -> c.serves(guildId)).reduce((a, b) -> b).orElse(null);
            if (target == null) {
                Session parked = sessions.values().stream().filter(s -> s.connection == null && s.serves(guildId))
                        .reduce((a, b) -> b).orElse(null);
                if (parked != null) {
                    parked.dispatches.add(packet(parked.sequence.incrementAndGet(), type, data));
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        if (target == null) {
            throw new IllegalStateException("no client is connected to the fake gateway for the shard of guild " + guildId);
        }
        send(target, type, data);
    }

    private void send(Connection connection, String type, JsonNode data) {
        String packet;
        lock.lock();
        try {
            packet = packet(connection.sequence.incrementAndGet(), type, data);
            if (connection.session != null) {
                connection.session.dispatches.add(packet);
            }
        } finally {
            lock.unlock();
        }
        connection.socket.send(packet);
    }

    private static String packet(int sequence, String type, JsonNode data) {
        ObjectNode packet = JSON.createObjectNode();
        packet.put("op", 0).put("t", type).put("s", sequence).set("d", data);
        return packet.toString();
    }

    /** The shard a guild belongs to when the bot runs {@code shardCount} shards, as Discord computes it. */
    public static int shardOf(long guildId, int shardCount) {
        return (int) ((guildId >> 22) % shardCount);
    }

    /**
     * A member runs a slash command in a channel: pushes INTERACTION_CREATE with the member (roles and
     * computed permissions) and the options, and returns the interaction to await the client's answers.
     */
    public FakeInteraction slashCommand(long guildId, long channelId, long userId, String command, CommandOption... options) {
        FakeGuild guild = guild(guildId);
        long id = nextId();
        String token = interactionToken();
        ObjectNode interaction = interactionBase(guild, channelId, userId, id, token, 2, null);
        ObjectNode data = interaction.putObject("data");
        data.put("id", Long.toUnsignedString(commandId(command))).put("name", command).put("type", 1);
        ArrayNode optionArray = data.putArray("options");
        ObjectNode resolvedUsers = JSON.createObjectNode();
        ObjectNode resolvedMembers = JSON.createObjectNode();
        for (CommandOption option : options) {
            optionArray.add(optionJson(guild, option, resolvedUsers, resolvedMembers));
        }
        if (resolvedUsers.size() > 0) {
            ObjectNode resolved = data.putObject("resolved");
            resolved.set("users", resolvedUsers);
            resolved.set("members", resolvedMembers);
        }
        dispatch("INTERACTION_CREATE", interaction);
        return new FakeInteraction(this, id, token, OptionalLong.of(guildId), channelId, userId);
    }

    /**
     * A member clicks a button with {@code customId} on the bot's ephemeral message {@code messageId}: pushes
     * a message-component INTERACTION_CREATE.
     */
    public FakeInteraction clickButton(long guildId, long channelId, long userId, long messageId, String customId) {
        FakeGuild guild = guild(guildId);
        long id = nextId();
        String token = interactionToken();
        ObjectNode message = messageJson(messageId, channelId, null, botUserId, "", 64);
        ObjectNode interaction = interactionBase(guild, channelId, userId, id, token, 3, message);
        interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
        interaction.set("message", message);
        dispatch("INTERACTION_CREATE", interaction);
        return new FakeInteraction(this, id, token, OptionalLong.of(guildId), channelId, userId);
    }

    /**
     * A user clicks a button on a message the bot sent them by DM: pushes a message-component INTERACTION_CREATE
     * from the DM channel, with {@code user} instead of {@code member} and no server, as Discord does. Fails if
     * the bot sent no such message to that user or the message has no button with that custom id.
     */
    public FakeInteraction clickButtonInDm(long userId, long messageId, String customId) {
        SentMessage sent;
        lock.lock();
        try {
            Long dm = dmChannels.get(userId);
            sent = sentMessages.stream().filter(m -> m.id() == messageId && dm != null && m.channelId() == dm).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the bot sent no message " + messageId + " to " + userId));
        } finally {
            lock.unlock();
        }
        if (sent.buttons().stream().noneMatch(b -> b.customId().equals(Optional.of(customId)))) {
            throw new IllegalArgumentException("message " + messageId + " has no button " + customId + ": " + sent.buttons());
        }
        long id = nextId();
        String token = interactionToken();
        ObjectNode message = messageJson(messageId, sent.channelId(), null, botUserId, sent.content(), 0);
        message.set("components", sent.components().deepCopy());
        ObjectNode interaction = dmInteractionBase(sent.channelId(), userId, id, token, 3, message);
        interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
        interaction.set("message", message);
        dispatch("INTERACTION_CREATE", interaction);
        return new FakeInteraction(this, id, token, OptionalLong.empty(), sent.channelId(), userId);
    }

    /**
     * The member submits the modal that {@code opener} opened: pushes a MODAL_SUBMIT interaction (type 5) from the
     * same place with the values by input id, in one action row per input as Discord sends them. Normally reached
     * through {@link FakeModal#submit}, which fills the inputs the way the client does.
     */
    public FakeInteraction submitModal(FakeInteraction opener, String customId, Map<String, String> values) {
        InteractionState origin;
        lock.lock();
        try {
            origin = interactions.get(opener.token());
        } finally {
            lock.unlock();
        }
        long id = nextId();
        String token = interactionToken();
        ObjectNode message = origin != null && origin.message != null ? origin.message.deepCopy() : null;
        ObjectNode interaction = opener.guildId().isPresent()
                ? interactionBase(guild(opener.guildId().getAsLong()), opener.channelId(), opener.userId(), id, token, 5, message)
                : dmInteractionBase(opener.channelId(), opener.userId(), id, token, 5, message);
        ObjectNode data = interaction.putObject("data").put("custom_id", customId);
        ArrayNode rows = data.putArray("components");
        values.forEach((inputId, value) -> rows.addObject().put("type", 1).putArray("components").addObject()
                .put("type", 4).put("custom_id", inputId).put("value", value));
        if (message != null) {
            interaction.set("message", message);
        }
        dispatch("INTERACTION_CREATE", interaction);
        return new FakeInteraction(this, id, token, opener.guildId(), opener.channelId(), opener.userId());
    }

    /**
     * Waits for the next message the bot sent to this user's DM channel (answered 200) that no earlier call
     * returned.
     */
    public SentMessage awaitDirectMessage(long userId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Long dm = dmChannels.get(userId);
                for (SentMessage message : sentMessages) {
                    if (dm != null && message.channelId() == dm && seenMessages.add(message.id())) {
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no DM to " + userId + " within " + timeout + "; requests seen:\n  "
                            + calls.stream().map(RecordedCall::toString).collect(Collectors.joining("\n  ")));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a DM", e);
        } finally {
            lock.unlock();
        }
    }

    /** A member posts a message: pushes MESSAGE_CREATE and returns the message id. */
    public long messageCreate(long guildId, long channelId, long authorId, String content) {
        FakeGuild guild = guild(guildId);
        long id = nextId();
        ObjectNode message = messageJson(id, channelId, guildId, authorId, content, 0);
        if (guild.isMember(authorId)) {
            ObjectNode member = memberJson(guild, authorId);
            member.remove("user");
            message.set("member", member);
        }
        dispatch("MESSAGE_CREATE", message);
        return id;
    }

    /** A user joins a server: adds them as a member without roles and pushes GUILD_MEMBER_ADD. */
    public void memberJoin(long guildId, long userId, String username) {
        user(userId, username);
        FakeGuild guild = guild(guildId);
        guild.addMember(userId);
        ObjectNode member = memberJson(guild, userId);
        member.put("guild_id", Long.toUnsignedString(guildId));
        dispatch("GUILD_MEMBER_ADD", member);
    }

    /** A member leaves a server: removes them and pushes GUILD_MEMBER_REMOVE. */
    public void memberLeave(long guildId, long userId) {
        FakeGuild guild = guild(guildId);
        guild.removeMember(userId);
        ObjectNode removed = JSON.createObjectNode().put("guild_id", Long.toUnsignedString(guildId));
        removed.set("user", userJson(userId));
        dispatch("GUILD_MEMBER_REMOVE", removed);
    }

    /** The id Discord gave the registered command of that name (or a fresh one if none is registered). */
    public long commandId(String name) {
        lock.lock();
        try {
            ObjectNode command = commands.get(name);
            return command == null ? nextId() : Long.parseUnsignedLong(command.get("id").asText());
        } finally {
            lock.unlock();
        }
    }

    /** From now on, the user's interactions say their Discord client speaks {@code locale} (such as {@code de} or {@code pt-BR}). */
    public void setUserLocale(long userId, String locale) {
        userLocales.put(userId, locale);
    }

    /** The commands registered so far, by name, as the client sent them (plus the ids the fake gave). */
    public Map<String, JsonNode> registeredCommands() {
        lock.lock();
        try {
            return Map.copyOf(commands);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            holds.forEach(Hold::drop);
        } finally {
            lock.unlock();
        }
        List<Connection> open;
        lock.lock();
        try {
            open = List.copyOf(connections.values());
        } finally {
            lock.unlock();
        }
        open.forEach(c -> closeConnection(c, 1001, "fake Discord closing"));
        try {
            proxy.shutdown();
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
        try {
            gatewayServer.shutdown();
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    // ---- JSON shapes -----------------------------------------------------------------------------

    private String interactionToken() {
        return "itk" + Long.toUnsignedString(nextId(), 36) + Long.toUnsignedString(System.nanoTime(), 36);
    }

    private ObjectNode interactionBase(FakeGuild guild, long channelId, long userId, long id, String token, int type,
                                       ObjectNode message) {
        ObjectNode interaction = JSON.createObjectNode();
        interaction.put("id", Long.toUnsignedString(id))
                .put("application_id", Long.toUnsignedString(applicationId))
                .put("type", type)
                .put("token", token)
                .put("version", 1)
                .put("locale", userLocales.getOrDefault(userId, "en-US"))
                .put("guild_locale", "en-US")
                .put("channel_id", Long.toUnsignedString(channelId))
                .put("guild_id", Long.toUnsignedString(guild.id()))
                .put("app_permissions", Long.toString(guild.permissionsOf(botUserId)))
                .put("context", 0);
        interaction.putObject("authorizing_integration_owners").put("0", Long.toUnsignedString(guild.id()));
        remember(new InteractionState(id, type, OptionalLong.of(guild.id()), channelId, userId, message), token);
        guild.channel(channelId).ifPresent(channel -> interaction.putObject("channel")
                .put("id", Long.toUnsignedString(channel.id()))
                .put("type", channel.type().code)
                .put("name", channel.name())
                .put("guild_id", Long.toUnsignedString(guild.id())));
        interaction.set("member", memberJson(guild, userId));
        return interaction;
    }

    /** An interaction from the bot's DM with a user: {@code user}, not {@code member}; no server; context BOT_DM. */
    private ObjectNode dmInteractionBase(long channelId, long userId, long id, String token, int type, ObjectNode message) {
        ObjectNode interaction = JSON.createObjectNode();
        interaction.put("id", Long.toUnsignedString(id))
                .put("application_id", Long.toUnsignedString(applicationId))
                .put("type", type)
                .put("token", token)
                .put("version", 1)
                .put("locale", userLocales.getOrDefault(userId, "en-US"))
                .put("channel_id", Long.toUnsignedString(channelId))
                .put("app_permissions", Long.toString(Permissions.MEMBER_DEFAULT))
                .put("context", 1);
        interaction.putObject("authorizing_integration_owners").put("0", Long.toUnsignedString(userId));
        remember(new InteractionState(id, type, OptionalLong.empty(), channelId, userId, message), token);
        ObjectNode channel = interaction.putObject("channel")
                .put("id", Long.toUnsignedString(channelId))
                .put("type", 1)
                .put("flags", 0);
        channel.putArray("recipients").add(userJson(userId));
        interaction.set("user", userJson(userId));
        return interaction;
    }

    private void remember(InteractionState state, String token) {
        lock.lock();
        try {
            interactions.put(token, state);
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode optionJson(FakeGuild guild, CommandOption option, ObjectNode resolvedUsers, ObjectNode resolvedMembers) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", option.name()).put("type", option.type());
        if (option.type() == 1 || option.type() == 2) {
            ArrayNode nested = json.putArray("options");
            for (CommandOption inner : option.options()) {
                nested.add(optionJson(guild, inner, resolvedUsers, resolvedMembers));
            }
            return json;
        }
        Object value = option.value();
        if (value instanceof Boolean b) {
            json.put("value", b);
        } else if (value instanceof Long l) {
            json.put("value", l);
        } else {
            json.put("value", String.valueOf(value));
        }
        if (option.type() == 6) {
            long userId = Long.parseUnsignedLong((String) value);
            resolvedUsers.set((String) value, userJson(userId));
            if (guild.isMember(userId)) {
                ObjectNode member = memberJson(guild, userId);
                member.remove("user");
                resolvedMembers.set((String) value, member);
            }
        }
        return json;
    }

    ObjectNode userJson(long userId) {
        String name;
        boolean bot;
        lock.lock();
        try {
            name = users.get(userId);
            bot = userId == botUserId || otherBots.contains(userId);
        } finally {
            lock.unlock();
        }
        if (name == null) {
            throw new IllegalArgumentException("unknown fake user " + userId + "; register it with user(id, name)");
        }
        ObjectNode user = JSON.createObjectNode();
        user.put("id", Long.toUnsignedString(userId))
                .put("username", name)
                .put("discriminator", "0")
                .putNull("avatar");
        if (bot) {
            user.put("bot", true);
        }
        return user;
    }

    private ObjectNode memberJson(FakeGuild guild, long userId) {
        ObjectNode member = JSON.createObjectNode();
        member.set("user", userJson(userId));
        ArrayNode roles = member.putArray("roles");
        guild.rolesOf(userId).forEach(r -> roles.add(Long.toUnsignedString(r)));
        Optional<String> nick = guild.nicknameOf(userId);
        if (nick.isPresent()) {
            member.put("nick", nick.get());
        } else {
            member.putNull("nick");
        }
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00")
                .put("deaf", false)
                .put("mute", false)
                .put("pending", false)
                .put("permissions", Long.toString(guild.permissionsOf(userId)));
        return member;
    }

    private ObjectNode messageJson(long id, long channelId, Long guildId, long authorId, String content, int flags) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", Long.toUnsignedString(id))
                .put("type", 0)
                .put("channel_id", Long.toUnsignedString(channelId))
                .put("content", content)
                .put("timestamp", Instant.now().toString())
                .putNull("edited_timestamp")
                .put("tts", false)
                .put("mention_everyone", false)
                .put("pinned", false)
                .put("flags", flags);
        if (guildId != null) {
            message.put("guild_id", Long.toUnsignedString(guildId));
        }
        message.set("author", userJson(authorId));
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        return message;
    }

    private ObjectNode guildJson(FakeGuild guild) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", Long.toUnsignedString(guild.id()))
                .put("name", guild.name())
                .putNull("icon")
                .put("region", "deprecated")
                .put("large", false)
                .put("member_count", guild.memberIds().size())
                .put("owner_id", Long.toUnsignedString(guild.ownerId()))
                .put("verification_level", 0)
                .put("explicit_content_filter", 0)
                .put("default_message_notifications", 0)
                .put("mfa_level", 0)
                .put("premium_tier", 0)
                .put("nsfw_level", 0)
                .put("preferred_locale", "en-US")
                .put("unavailable", false)
                .put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        json.putArray("features");
        ArrayNode roles = json.putArray("roles");
        for (FakeGuild.Role role : guild.roles()) {
            roles.addObject()
                    .put("id", Long.toUnsignedString(role.id()))
                    .put("name", role.name())
                    .put("color", 0)
                    .put("hoist", false)
                    .put("position", role.position())
                    .put("permissions", Long.toString(role.permissions()))
                    .put("managed", false)
                    .put("mentionable", false);
        }
        ArrayNode channels = json.putArray("channels");
        int position = 0;
        for (FakeGuild.Channel channel : guild.channels()) {
            ObjectNode c = channels.addObject()
                    .put("id", Long.toUnsignedString(channel.id()))
                    .put("type", channel.type().code)
                    .put("name", channel.name())
                    .put("position", position++)
                    .put("nsfw", false);
            c.putArray("permission_overwrites");
            if (channel.type() == FakeGuild.ChannelType.VOICE || channel.type() == FakeGuild.ChannelType.STAGE) {
                c.put("bitrate", 64000).put("user_limit", 0);
            }
        }
        ArrayNode members = json.putArray("members");
        for (long userId : guild.memberIds()) {
            members.add(memberJson(guild, userId));
        }
        json.putArray("threads");
        json.putArray("voice_states");
        json.putArray("emojis");
        json.putArray("stickers");
        json.putArray("presences");
        return json;
    }

    // ---- the gateway -----------------------------------------------------------------------------

    private final class Gateway extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            lock.lock();
            try {
                connections.put(webSocket, new Connection(webSocket));
            } finally {
                lock.unlock();
            }
            webSocket.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode packet;
            try {
                packet = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            switch (packet.path("op").asInt(-1)) {
                case 1 -> webSocket.send("{\"op\":11}");
                case 2 -> identify(webSocket, packet.path("d"));
                case 6 -> resume(webSocket, packet.path("d"));
                default -> {
                }
            }
        }

        private void identify(WebSocket webSocket, JsonNode data) {
            String token = data.path("token").asText("");
            if (!token.equals(TOKEN) && !token.equals("Bot " + TOKEN)) {
                webSocket.close(4004, "Authentication failed.");
                return;
            }
            JsonNode shardField = data.path("shard");
            int shard = shardField.isArray() ? shardField.path(0).asInt() : 0;
            int shardCount = shardField.isArray() ? shardField.path(1).asInt(1) : 1;
            if (shardCount < 1 || shard < 0 || shard >= shardCount) {
                webSocket.close(4010, "Invalid shard.");
                return;
            }
            List<FakeGuild> all;
            Connection connection;
            lock.lock();
            try {
                connection = connections.get(webSocket);
                if (connection == null) {
                    return;
                }
                identifies.add(Instant.now());
                if (dailyIdentifies <= 0) {
                    connection = null;
                } else {
                    dailyIdentifies--;
                    connection.shard = shard;
                    connection.shardCount = shardCount;
                    connection.sequence.set(0);
                    connection.logIndex = connectionLog.size();
                    connectionLog.add(new ShardConnection(connectionLog.size() + 1, shard, shardCount,
                            Instant.now(), Optional.empty()));
                }
                all = guilds.values().stream().filter(g -> shardOf(g.id(), shardCount) == shard).toList();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (connection == null) {
                webSocket.close(4004, "Authentication failed.");
                return;
            }
            ObjectNode ready = JSON.createObjectNode();
            ready.put("v", 10);
            ready.set("user", userJson(botUserId));
            String sessionId = "fake-session-" + nextId();
            ready.put("session_id", sessionId);
            if (resumableSessions) {
                ready.put("resume_gateway_url", "ws://" + gatewayServer.getHostName() + ":" + gatewayServer.getPort());
                lock.lock();
                try {
                    Session session = new Session(sessionId, shard, shardCount, connection.sequence);
                    session.connection = connection;
                    connection.session = session;
                    sessions.put(sessionId, session);
                } finally {
                    lock.unlock();
                }
            }
            ArrayNode guildArray = ready.putArray("guilds");
            for (FakeGuild guild : all) {
                guildArray.addObject().put("id", Long.toUnsignedString(guild.id())).put("unavailable", true);
            }
            if (shardField.isArray()) {
                ready.putArray("shard").add(shard).add(shardCount);
            }
            ready.putObject("application").put("id", Long.toUnsignedString(applicationId)).put("flags", 0);
            send(connection, "READY", ready);
            for (FakeGuild guild : all) {
                send(connection, "GUILD_CREATE", guildJson(guild));
            }
            identified.complete(data.path("intents").asLong());
            lock.lock();
            try {
                readies.add(Instant.now());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void resume(WebSocket webSocket, JsonNode data) {
            String token = data.path("token").asText("");
            String sessionId = data.path("session_id").asText("");
            int seen = data.path("seq").asInt(0);
            List<String> replay;
            Connection connection;
            lock.lock();
            try {
                Session session = resumableSessions && (token.equals(TOKEN) || token.equals("Bot " + TOKEN))
                        ? sessions.get(sessionId) : null;
                connection = connections.get(webSocket);
                boolean resumed = session != null && session.connection == null && connection != null;
                resumes.add(new Resume(sessionId, seen, Instant.now(), resumed));
                changed.signalAll();
                if (!resumed) {
                    connection = null;
                    replay = List.of();
                } else {
                    session.connection = connection;
                    connection.session = session;
                    connection.sequence = session.sequence;
                    connection.shard = session.shard;
                    connection.shardCount = session.shardCount;
                    connection.logIndex = connectionLog.size();
                    connectionLog.add(new ShardConnection(connectionLog.size() + 1, session.shard, session.shardCount,
                            Instant.now(), Optional.empty()));
                    replay = session.dispatches.stream()
                            .filter(p -> readSequence(p) > seen).toList();
                }
            } finally {
                lock.unlock();
            }
            if (connection == null) {
                webSocket.send("{\"op\":9,\"d\":false}");
                return;
            }
            replay.forEach(webSocket::send);
            send(connection, "RESUMED", JSON.createObjectNode());
        }

        private static int readSequence(String packet) {
            try {
                return JSON.readTree(packet).path("s").asInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            forget(webSocket);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            forget(webSocket);
        }

        private void forget(WebSocket webSocket) {
            forgetConnection(webSocket);
        }
    }

    // ---- the REST API ----------------------------------------------------------------------------

    private final class RestDispatcher extends Dispatcher {
        private final MockResponse tunnel = new MockResponse().setSocketPolicy(SocketPolicy.UPGRADE_TO_SSL_AT_END);

        @Override
        public MockResponse peek() {
            return tunnel;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if ("CONNECT".equals(request.getMethod())) {
                return tunnel;
            }
            Instant at = Instant.now();
            long nanos = System.nanoTime();
            String target = request.getPath() == null ? "" : request.getPath();
            Matcher matcher = API_PATH.matcher(target);
            String path = matcher.matches() ? matcher.group(1) : target;
            String query = matcher.matches() && matcher.group(2) != null ? matcher.group(2) : "";
            String method = request.getMethod();
            String body = request.getBody().readUtf8();
            Map<String, String> headers = new LinkedHashMap<>();
            request.getHeaders().forEach(pair -> headers.put(pair.getFirst().toLowerCase(Locale.ROOT), pair.getSecond()));

            Optional<Hold> hold = held(method, path);
            if (hold.isPresent() && !hold.get().hang()) {
                return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START);
            }
            String authorization = headers.getOrDefault("authorization", "");
            boolean tokenInUrl = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
            boolean authorized = authorization.equals("Bot " + TOKEN)
                    || authorization.isEmpty() && (path.equals("/gateway") || tokenInUrl);
            FakeResponse response = unavailable
                    ? FakeResponse.error(503, 0, "503: Service Unavailable")
                    : !authorized
                    ? FakeResponse.error(401, 0, "401: Unauthorized")
                    : scripted(method, path).orElseGet(() -> {
                try {
                    return route(method, path, body);
                } catch (RuntimeException e) {
                    return new FakeResponse(500, "{\"message\":\"fake Discord failed: " + e + "\",\"code\":0}", Map.of());
                }
            });

            lock.lock();
            try {
                calls.add(new RecordedCall(requestSequence.incrementAndGet(), at, nanos, method, path, query, body,
                        Map.copyOf(headers), response.status()));
                changed.signalAll();
            } finally {
                lock.unlock();
            }

            MockResponse mock = new MockResponse().setResponseCode(response.status()).setHeader("Via", "1.1 google");
            response.headers().forEach(mock::setHeader);
            if (!response.body().isEmpty()) {
                mock.setHeader("Content-Type", "application/json").setBody(response.body());
            }
            return mock;
        }

        private Optional<Hold> held(String method, String path) {
            lock.lock();
            try {
                for (Iterator<Hold> it = holds.iterator(); it.hasNext(); ) {
                    Hold hold = it.next();
                    if (hold.matches(method, path)) {
                        hold.arrived.complete(path);
                        return Optional.of(hold);
                    }
                }
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        private Optional<FakeResponse> scripted(String method, String path) {
            lock.lock();
            try {
                for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
                    Script script = it.next();
                    if (script.method().equalsIgnoreCase(method) && script.path().matcher(path).matches()) {
                        it.remove();
                        return Optional.of(script.response());
                    }
                }
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }
    }

    private static final Pattern COMMANDS = Pattern.compile("/applications/(\\d+)(?:/guilds/(\\d+))?/commands");
    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");
    private static final Pattern WEBHOOK = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    private static final Pattern MEMBER_ROLE = Pattern.compile("/guilds/(\\d+)/members/(\\d+)/roles/(\\d+)");
    private static final Pattern MEMBER = Pattern.compile("/guilds/(\\d+)/members/(\\d+)");
    private static final Pattern USER = Pattern.compile("/users/(\\d+)");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");

    private FakeResponse route(String method, String path, String body) {
        Matcher m;
        if (method.equals("GET") && path.equals("/gateway")) {
            return ok("{\"url\":\"ws://" + gatewayServer.getHostName() + ":" + gatewayServer.getPort() + "\"}");
        }
        if (method.equals("GET") && path.equals("/gateway/bot")) {
            return ok("{\"url\":\"ws://" + gatewayServer.getHostName() + ":" + gatewayServer.getPort()
                    + "\",\"shards\":" + recommendedShards + ",\"session_start_limit\":{\"total\":1000,\"remaining\":"
                    + Math.max(0, dailyIdentifies) + ",\"reset_after\":" + Duration.ofDays(1).toMillis()
                    + ",\"max_concurrency\":" + maxConcurrency + "}}");
        }
        if (method.equals("GET") && path.equals("/oauth2/applications/@me")) {
            ObjectNode app = JSON.createObjectNode();
            app.put("id", Long.toUnsignedString(applicationId))
                    .put("name", botName)
                    .put("description", "")
                    .put("bot_public", false)
                    .put("bot_require_code_grant", false)
                    .putNull("icon");
            app.set("owner", userJson(botUserId));
            return ok(app.toString());
        }
        if ((m = COMMANDS.matcher(path)).matches()) {
            return commands(method, m.group(2), body);
        }
        if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            return callback(Long.parseUnsignedLong(m.group(1)), m.group(2), body);
        }
        if ((m = WEBHOOK_MESSAGE.matcher(path)).matches() && (method.equals("PATCH") || method.equals("GET"))) {
            return webhookMessage(m.group(2), m.group(3).equals("@original") ? nextId() : Long.parseUnsignedLong(m.group(3)), body);
        }
        if ((m = WEBHOOK.matcher(path)).matches() && method.equals("POST")) {
            return webhookMessage(m.group(2), nextId(), body);
        }
        if ((m = MEMBER_ROLE.matcher(path)).matches() && (method.equals("PUT") || method.equals("DELETE"))) {
            return memberRole(method, Long.parseUnsignedLong(m.group(1)), Long.parseUnsignedLong(m.group(2)),
                    Long.parseUnsignedLong(m.group(3)));
        }
        if ((m = MEMBER.matcher(path)).matches()) {
            return member(method, Long.parseUnsignedLong(m.group(1)), Long.parseUnsignedLong(m.group(2)), body);
        }
        if ((m = USER.matcher(path)).matches() && method.equals("GET")) {
            long userId = Long.parseUnsignedLong(m.group(1));
            lock.lock();
            try {
                if (!users.containsKey(userId)) {
                    return FakeResponse.error(404, 10013, "Unknown User");
                }
            } finally {
                lock.unlock();
            }
            return ok(userJson(userId).toString());
        }
        if ((m = CHANNEL_MESSAGE.matcher(path)).matches() && method.equals("DELETE")) {
            return FakeResponse.noContent();
        }
        if (method.equals("POST") && path.equals("/users/@me/channels")) {
            return openDm(body);
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            return sendMessage(Long.parseUnsignedLong(m.group(1)), body);
        }
        return FakeResponse.error(404, 0, "404: Not Found");
    }

    private static FakeResponse ok(String json) {
        return new FakeResponse(200, json, Map.of());
    }

    private FakeResponse commands(String method, String guildId, String body) {
        lock.lock();
        try {
            switch (method) {
                case "PUT" -> {
                    commands.clear();
                    ArrayNode result = JSON.createArrayNode();
                    for (JsonNode command : JSON.readTree(body)) {
                        result.add(register((ObjectNode) command.deepCopy(), guildId));
                    }
                    return ok(result.toString());
                }
                case "POST" -> {
                    return ok(register((ObjectNode) JSON.readTree(body), guildId).toString());
                }
                case "GET" -> {
                    ArrayNode result = JSON.createArrayNode();
                    commands.values().forEach(result::add);
                    return ok(result.toString());
                }
                default -> {
                    return FakeResponse.error(405, 0, "405: Method Not Allowed");
                }
            }
        } catch (IOException e) {
            return FakeResponse.error(400, 50035, "Invalid Form Body");
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode register(ObjectNode command, String guildId) {
        String name = command.path("name").asText();
        ObjectNode previous = commands.get(name);
        long id = previous != null ? Long.parseUnsignedLong(previous.get("id").asText()) : nextId();
        command.put("id", Long.toUnsignedString(id))
                .put("application_id", Long.toUnsignedString(applicationId))
                .put("version", Long.toUnsignedString(nextId()));
        if (!command.has("type")) {
            command.put("type", 1);
        }
        if (guildId != null) {
            command.put("guild_id", guildId);
        }
        commands.put(name, command);
        return command;
    }

    /**
     * An interaction callback, checked as Discord checks it: the interaction must exist and be unanswered (one
     * callback each, so no modal after a defer), a modal answers only commands and components, an update only
     * components and modal submits, and a modal must be well formed.
     */
    private FakeResponse callback(long interactionId, String token, String body) {
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (IOException e) {
            return FakeResponse.error(400, 50035, "Invalid Form Body");
        }
        lock.lock();
        try {
            InteractionState state = interactions.get(token);
            if (state == null || state.id != interactionId) {
                return FakeResponse.error(404, 10062, "Unknown interaction");
            }
            if (state.acknowledged) {
                return FakeResponse.error(400, 40060, "Interaction has already been acknowledged.");
            }
            int type = callback.path("type").asInt();
            boolean allowed = switch (type) {
                case 4, 5 -> true;
                case 6, 7 -> state.type == 3 || state.type == 5;
                case 9 -> state.type == 2 || state.type == 3;
                default -> false;
            };
            if (!allowed) {
                return FakeResponse.error(400, 50035, "Invalid Form Body (callback type " + type + " can't answer interaction type "
                        + state.type + ")");
            }
            if (type == 9) {
                Optional<String> invalid = invalidModal(callback.path("data"));
                if (invalid.isPresent()) {
                    return FakeResponse.error(400, 50035, "Invalid Form Body (" + invalid.get() + ")");
                }
            }
            if ((type == 4 || type == 7) && callback.path("data").has("components")) {
                Optional<String> invalid = invalidComponents(callback.path("data").path("components"));
                if (invalid.isPresent()) {
                    return FakeResponse.error(400, 50035, "Invalid Form Body (" + invalid.get() + ")");
                }
            }
            state.acknowledged = true;
            return FakeResponse.noContent();
        } finally {
            lock.unlock();
        }
    }

    /** What's wrong with a modal by Discord's limits (API v10, "Interaction Response Object"), if anything. */
    private static Optional<String> invalidModal(JsonNode data) {
        String customId = data.path("custom_id").asText("");
        if (customId.isEmpty() || customId.length() > 100) {
            return Optional.of("data.custom_id: 1 to 100 characters");
        }
        String title = data.path("title").asText("");
        if (title.isEmpty() || title.length() > 45) {
            return Optional.of("data.title: 1 to 45 characters, got " + title.length());
        }
        JsonNode rows = data.path("components");
        if (!rows.isArray() || rows.size() < 1 || rows.size() > 5) {
            return Optional.of("data.components: 1 to 5 action rows");
        }
        for (JsonNode row : rows) {
            if (row.path("type").asInt() != 1 || row.path("components").size() != 1) {
                return Optional.of("data.components: each action row holds exactly one text input");
            }
            JsonNode input = row.path("components").get(0);
            String label = input.path("label").asText("");
            int style = input.path("style").asInt(0);
            if (input.path("type").asInt() != 4 || (style != 1 && style != 2)) {
                return Optional.of("text input: type 4 with style 1 or 2");
            }
            String inputId = input.path("custom_id").asText("");
            if (inputId.isEmpty() || inputId.length() > 100) {
                return Optional.of("text input custom_id: 1 to 100 characters");
            }
            if (label.isEmpty() || label.length() > 45) {
                return Optional.of("text input label: 1 to 45 characters, got " + label.length());
            }
            int min = input.path("min_length").asInt(0);
            int max = input.path("max_length").asInt(4000);
            if (min < 0 || min > 4000 || max < 1 || max > 4000 || min > max) {
                return Optional.of("text input min_length 0 to 4000, max_length 1 to 4000");
            }
            if (input.path("value").asText("").length() > 4000 || input.path("placeholder").asText("").length() > 100) {
                return Optional.of("text input value up to 4000, placeholder up to 100 characters");
            }
        }
        return Optional.empty();
    }

    /** What's wrong with a message's action rows and buttons by Discord's limits, if anything. */
    private static Optional<String> invalidComponents(JsonNode rows) {
        if (rows.size() > 5) {
            return Optional.of("components: at most 5 action rows");
        }
        for (JsonNode row : rows) {
            if (row.path("type").asInt() != 1 || row.path("components").size() < 1 || row.path("components").size() > 5) {
                return Optional.of("components: action rows of 1 to 5 components");
            }
            for (JsonNode component : row.path("components")) {
                if (component.path("type").asInt() != 2) {
                    continue;
                }
                int style = component.path("style").asInt();
                if (component.path("label").asText("").length() > 80) {
                    return Optional.of("button label: up to 80 characters");
                }
                if (style == 5) {
                    String url = component.path("url").asText("");
                    if (url.isEmpty() || url.length() > 512 || component.has("custom_id")
                            || !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("discord://"))) {
                        return Optional.of("link button: an http(s) url of up to 512 characters and no custom_id");
                    }
                } else {
                    String customId = component.path("custom_id").asText("");
                    if (style < 1 || style > 4 || customId.isEmpty() || customId.length() > 100 || component.has("url")) {
                        return Optional.of("button: style 1 to 4 with a custom_id of 1 to 100 characters");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private FakeResponse webhookMessage(String token, long messageId, String body) {
        long channelId;
        lock.lock();
        try {
            InteractionState state = interactions.get(token);
            channelId = state == null ? 0L : state.channelId;
        } finally {
            lock.unlock();
        }
        ObjectNode message = messageJson(messageId, channelId, null, botUserId, "", 64);
        try {
            JsonNode sent = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            if (sent.has("content")) {
                message.put("content", sent.get("content").asText());
            }
            if (sent.has("embeds")) {
                message.set("embeds", sent.get("embeds"));
            }
            if (sent.has("components")) {
                message.set("components", sent.get("components"));
            }
            if (sent.has("components")) {
                Optional<String> invalid = invalidComponents(sent.get("components"));
                if (invalid.isPresent()) {
                    return FakeResponse.error(400, 50035, "Invalid Form Body (" + invalid.get() + ")");
                }
            }
        } catch (IOException e) {
            return FakeResponse.error(400, 50035, "Invalid Form Body");
        }
        return ok(message.toString());
    }

    private FakeResponse memberRole(String method, long guildId, long userId, long roleId) {
        FakeGuild guild;
        lock.lock();
        try {
            guild = guilds.get(guildId);
        } finally {
            lock.unlock();
        }
        if (guild == null) {
            return FakeResponse.error(404, 10004, "Unknown Guild");
        }
        Optional<FakeGuild.Role> role = guild.role(roleId);
        if (role.isEmpty()) {
            return FakeResponse.error(404, 10011, "Unknown Role");
        }
        if (!guild.isMember(userId)) {
            return FakeResponse.error(404, 10007, "Unknown Member");
        }
        if ((guild.permissionsOf(botUserId) & Permissions.MANAGE_ROLES) == 0
                || role.get().position() >= guild.topPosition(botUserId)) {
            return FakeResponse.error(403, 50013, "Missing Permissions");
        }
        if (method.equals("PUT")) {
            guild.grant(userId, roleId);
        } else {
            guild.revoke(userId, roleId);
        }
        return FakeResponse.noContent();
    }

    private FakeResponse member(String method, long guildId, long userId, String body) {
        FakeGuild guild;
        lock.lock();
        try {
            guild = guilds.get(guildId);
        } finally {
            lock.unlock();
        }
        if (guild == null) {
            return FakeResponse.error(404, 10004, "Unknown Guild");
        }
        if (!guild.isMember(userId)) {
            return FakeResponse.error(404, 10007, "Unknown Member");
        }
        switch (method) {
            case "GET" -> {
                return ok(memberJson(guild, userId).toString());
            }
            case "DELETE" -> {
                if (userId == guild.ownerId() || (guild.permissionsOf(botUserId) & Permissions.KICK_MEMBERS) == 0
                        || guild.topPosition(userId) >= guild.topPosition(botUserId)) {
                    return FakeResponse.error(403, 50013, "Missing Permissions");
                }
                guild.removeMember(userId);
                ObjectNode removed = JSON.createObjectNode().put("guild_id", Long.toUnsignedString(guildId));
                removed.set("user", userJson(userId));
                dispatch("GUILD_MEMBER_REMOVE", removed);
                return FakeResponse.noContent();
            }
            case "PATCH" -> {
                JsonNode patch;
                try {
                    patch = JSON.readTree(body);
                } catch (IOException e) {
                    return FakeResponse.error(400, 50035, "Invalid Form Body");
                }
                if (patch.has("nick")) {
                    if (userId == guild.ownerId() || (guild.permissionsOf(botUserId) & Permissions.MANAGE_NICKNAMES) == 0
                            || guild.topPosition(userId) >= guild.topPosition(botUserId)) {
                        return FakeResponse.error(403, 50013, "Missing Permissions");
                    }
                    guild.nickname(userId, patch.get("nick").isNull() ? null : patch.get("nick").asText());
                }
                return ok(memberJson(guild, userId).toString());
            }
            default -> {
                return FakeResponse.error(405, 0, "405: Method Not Allowed");
            }
        }
    }

    private FakeResponse openDm(String body) {
        long recipient;
        try {
            recipient = Long.parseUnsignedLong(JSON.readTree(body).path("recipient_id").asText());
        } catch (IOException | NumberFormatException e) {
            return FakeResponse.error(400, 50035, "Invalid Form Body");
        }
        long channelId;
        lock.lock();
        try {
            channelId = dmChannels.computeIfAbsent(recipient, r -> nextId());
        } finally {
            lock.unlock();
        }
        ObjectNode channel = JSON.createObjectNode();
        channel.put("id", Long.toUnsignedString(channelId)).put("type", 1).putNull("last_message_id");
        channel.putArray("recipients").add(userJson(recipient));
        return ok(channel.toString());
    }

    private FakeResponse sendMessage(long channelId, String body) {
        Long recipient = null;
        lock.lock();
        try {
            for (Map.Entry<Long, Long> dm : dmChannels.entrySet()) {
                if (dm.getValue() == channelId) {
                    recipient = dm.getKey();
                }
            }
            if (recipient != null && closedDms.contains(recipient)) {
                return FakeResponse.error(403, 50007, "Cannot send messages to this user");
            }
        } finally {
            lock.unlock();
        }
        JsonNode sent;
        try {
            sent = JSON.readTree(body);
        } catch (IOException e) {
            return FakeResponse.error(400, 50035, "Invalid Form Body");
        }
        JsonNode components = sent.has("components") ? sent.get("components") : JSON.createArrayNode();
        Optional<String> invalid = invalidComponents(components);
        if (invalid.isPresent()) {
            return FakeResponse.error(400, 50035, "Invalid Form Body (" + invalid.get() + ")");
        }
        long id = nextId();
        String content = sent.path("content").asText("");
        ObjectNode message = messageJson(id, channelId, null, botUserId, content, 0);
        message.set("components", components.deepCopy());
        lock.lock();
        try {
            sentMessages.add(new SentMessage(id, channelId, content, components.deepCopy()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return ok(message.toString());
    }
}
