package dev.gatehouse.core;

import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationListener;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.in.ReverifyMembers;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.AsyncMemberAccess;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.MemberAccess;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.core.port.out.VerificationLinks;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.core.service.DirectoryImport;
import dev.gatehouse.core.service.EventBus;
import dev.gatehouse.core.service.GuildAdministration;
import dev.gatehouse.core.service.HandoffService;
import dev.gatehouse.core.service.MemberUpdateRelay;
import dev.gatehouse.core.service.MembershipService;
import dev.gatehouse.core.service.PersonalDataService;
import dev.gatehouse.core.service.RequestService;
import dev.gatehouse.core.service.Retention;
import dev.gatehouse.core.service.Reverification;
import dev.gatehouse.core.service.SetupWatch;
import dev.gatehouse.core.service.SignInService;
import dev.gatehouse.core.service.TenantAdministration;
import dev.gatehouse.core.service.UnverifiedRemovals;
import dev.gatehouse.core.service.VerificationService;
import dev.gatehouse.core.service.WrongAnswerReports;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The verification core, assembled: every use case over one set of stores. Build it with {@link #builder()};
 * without {@link Builder#stores(Stores)} it keeps everything in memory. Close it to stop the threads it
 * started itself (the mail senders and the background delivery of member updates).
 */
public final class Gatehouse implements AutoCloseable {
    private final Stores stores;
    private final Clock clock;
    private final EventBus events;
    private final RequestVerification requests;
    private final VerificationService verification;
    private final Retention retention;
    private final Reverification reverification;
    private final Optional<HandoffService> handoffs;
    private final SignInService signIns;
    private final WrongAnswerReports wrongAnswers;
    private final MembershipService membership;
    private final GuildAdministration administration;
    private final TenantAdministration tenants;
    private final DirectoryImport directoryImport;
    private final PersonalDataService personalData;
    private final UnverifiedRemovals unverified;
    private final Optional<AsyncMemberAccess> memberAccess;
    private final Optional<ExecutorService> ownMailExecutor;
    private final ScheduledExecutorService mailDeadlines;
    private volatile ScheduledExecutorService deliveryLoop;

    private Gatehouse(Builder builder) {
        this.stores = builder.stores != null ? builder.stores : InMemoryStores.create();
        this.clock = builder.clock;
        this.events = new EventBus();
        this.unverified = new UnverifiedRemovals(stores, clock);
        events.add(event -> {
            if (event instanceof MemberVerified verified) {
                unverified.verified(verified);
            }
        });
        builder.listeners.forEach(events::add);
        Executor mailExecutor = builder.mailExecutor;
        MailQueue mailQueue = builder.mailQueue;
        if (mailExecutor == null) {
            BlockingQueue<Runnable> waiting = mailQueue.capacity() == 0 ? new SynchronousQueue<>()
                    : new ArrayBlockingQueue<>(mailQueue.capacity());
            ExecutorService own = new ThreadPoolExecutor(mailQueue.senders(), mailQueue.senders(), 0, TimeUnit.MILLISECONDS,
                    waiting, daemonThreads("gatehouse-mail"), new ThreadPoolExecutor.AbortPolicy());
            this.ownMailExecutor = Optional.of(own);
            mailExecutor = own;
        } else {
            this.ownMailExecutor = Optional.empty();
        }
        Optional<HandoffTokens> handoffTokens = Optional.ofNullable(builder.handoffTokens);
        this.mailDeadlines = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-mail-deadline"));
        RequestService requestService = new RequestService(stores, clock, builder.tokens, builder.links, builder.mailer, mailExecutor,
                mailQueue.deadline(), mailDeadlines, handoffTokens);
        this.verification = new VerificationService(stores, clock, builder.linkAttemptBackoff, events);
        this.retention = new Retention(stores, clock);
        this.reverification = new Reverification(stores, clock, events);
        this.handoffs = handoffTokens.map(tokens -> new HandoffService(stores, clock, tokens, builder.linkAttemptBackoff, events));
        this.signIns = new SignInService(stores, clock, builder.tokens, events);
        this.wrongAnswers = new WrongAnswerReports(stores, clock);
        this.membership = new MembershipService(stores, clock);
        this.administration = new GuildAdministration(stores, clock, events);
        this.tenants = new TenantAdministration(stores, clock);
        this.directoryImport = new DirectoryImport(stores, clock, events);
        this.personalData = new PersonalDataService(stores, clock, events);
        this.memberAccess = Optional.ofNullable(builder.memberAccess);
        SetupWatch setup = new SetupWatch(stores.guilds(), administration, builder.setupWarnings);
        this.requests = command -> {
            RequestVerification.RequestResult result = requestService.request(command);
            setup.memberAsked(command.guild());
            return result;
        };
    }

    /** {@return a builder with the defaults: in-memory stores, the system clock, {@code SecureRandom} tokens} */
    public static Builder builder() {
        return new Builder();
    }


    /** {@return {@code /verify}: answer the question, then get an emailed link or a hand-off to the organisation's site} */
    public RequestVerification requestVerification() {
        return requests;
    }

    /** {@return a member signing in with the tenant's OpenID Connect provider (the protocol is the caller's)} */
    public SignInWithProvider signInWithProvider() {
        return signIns;
    }

    /**
     * The organisation's site calling back after a hand-off. Needs {@link Builder#handoffTokens}; without it
     * every callback is refused as not enabled.
     *
     * @return the hand-off callback
     */
    public CompleteHandoff completeHandoff() {
        return handoffs.<CompleteHandoff>map(h -> h).orElse(command -> new CompleteHandoff.CallbackRefused(
                CompleteHandoff.Refusal.NOT_ENABLED));
    }

    /** {@return the wrong answers members gave, grouped, for admins} */
    public ReviewWrongAnswers wrongAnswers() {
        return wrongAnswers;
    }

    /** {@return the link pages' use cases: preview, confirm, deny} */
    public ReviewVerification reviewVerification() {
        return verification;
    }

    /** {@return the message gate, answered from memory} */
    public GateMessages gate() {
        return membership;
    }

    /** {@return what happens when members join a server} */
    public WelcomeMembers welcome() {
        return membership;
    }

    /** {@return the removal of members who don't verify in time, in servers that want it} */
    public RemoveUnverifiedMembers unverifiedMembers() {
        return unverified;
    }

    /** {@return server setup and member administration} */
    public AdministerGuild administration() {
        return administration;
    }

    /** {@return the operator's tenants: create, change, describe, delete, export links} */
    public AdministerTenants tenants() {
        return tenants;
    }

    /** {@return the operator's directory import: users (and the links the tutorial bot kept) from a file's rows} */
    public ImportDirectory importDirectory() {
        return directoryImport;
    }

    /** {@return a person's data on request: export everything held about them, or erase it} */
    public ManagePersonalData personalData() {
        return personalData;
    }

    /** {@return the depth of the member-update outbox, for status and metrics} */
    public InspectOutbox outbox() {
        return new InspectOutbox() {
            @Override
            public dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth depth() {
                return stores.memberUpdates().depth(clock.instant());
            }

            @Override
            public java.util.Map<Integer, Long> depthByShard(int shardCount) {
                if (shardCount < 1) {
                    throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount);
                }
                return stores.memberUpdates().pendingByShard(shardCount);
            }
        };
    }

    /** {@return the expiry of overdue sessions and hand-offs} */
    public ExpireSessions expiry() {
        return verification;
    }

    /** {@return the deletion of sessions, hand-offs and wrong answers older than each tenant's retention} */
    public PurgeOldRecords retention() {
        return retention;
    }

    /** {@return the reminders before verifications lapse, and their lapse, per each tenant's verification lifetime} */
    public ReverifyMembers reverification() {
        return reverification;
    }

    /**
     * Applies queued member updates with the member access given to the builder, for every guild.
     *
     * @return the delivery, to call {@link DeliverMemberUpdates#deliverDue(int)} on
     * @throws IllegalStateException if the builder was given no member access
     */
    public DeliverMemberUpdates deliverMemberUpdates() {
        return new MemberUpdateRelay(stores.memberUpdates(), memberAccess.orElseThrow(() ->
                new IllegalStateException("no member access configured: pass one to the builder or use deliverMemberUpdatesVia")),
                Shard.ALL, clock);
    }

    /**
     * Applies queued member updates of one shard's guilds with the given member access (e.g. a bot built later).
     *
     * @param access applies each update, blocking until it is done
     * @param shard whose guilds' updates to apply
     * @return the delivery, to call {@link DeliverMemberUpdates#deliverDue(int)} on
     */
    public DeliverMemberUpdates deliverMemberUpdatesVia(MemberAccess access, Shard shard) {
        return new MemberUpdateRelay(stores.memberUpdates(), access, shard, clock);
    }

    /**
     * Applies queued member updates of one shard's guilds with the given asynchronous member access; retries,
     * Retry-After and leases work exactly as with {@link #deliverMemberUpdatesVia(MemberAccess, Shard)}. Each pass
     * starts its updates at once and blocks its caller until they complete (at most half the 10 s claim).
     *
     * @param access starts each update and completes with its outcome
     * @param shard whose guilds' updates to apply
     * @return the delivery, to call {@link DeliverMemberUpdates#deliverDue(int)} on from the host's own schedule
     */
    public DeliverMemberUpdates deliverMemberUpdatesAsyncVia(AsyncMemberAccess access, Shard shard) {
        return new MemberUpdateRelay(stores.memberUpdates(), access, shard, clock);
    }

    /**
     * Starts a daemon thread that applies due member updates every {@code interval} with the builder's member
     * access. For hosts that don't schedule {@link #deliverMemberUpdates()} themselves. {@link #close()} stops it.
     *
     * @param interval the pause between passes
     * @throws IllegalStateException if it was started already, or the builder was given no member access
     */
    public synchronized void startBackgroundDelivery(Duration interval) {
        if (deliveryLoop != null) {
            throw new IllegalStateException("background delivery already started");
        }
        DeliverMemberUpdates delivery = deliverMemberUpdates();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-delivery"));
        loop.scheduleWithFixedDelay(() -> {
            try {
                while (delivery.deliverDue(50).attempted() == 50) {
                    Thread.yield();
                }
            } catch (RuntimeException e) {
                System.getLogger(Gatehouse.class.getName()).log(System.Logger.Level.WARNING, "member update delivery failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        deliveryLoop = loop;
    }

    /**
     * Adds a listener for {@code MemberVerified}, {@code VerificationDenied}, {@code MemberUnlinked},
     * {@code MemberRemoved} and {@code RolesChanged}.
     *
     * @param listener called after each change is committed, on the thread that made it
     */
    public void addListener(VerificationListener listener) {
        events.add(listener);
    }

    /** {@return the clock every use case reads} */
    public Clock clock() {
        return clock;
    }

    /** Stops the threads this Gatehouse started, waiting up to 10 s for emails being sent; the stores stay open. */
    @Override
    public synchronized void close() {
        if (deliveryLoop != null) {
            deliveryLoop.shutdownNow();
            deliveryLoop = null;
        }
        mailDeadlines.shutdownNow();
        ownMailExecutor.ifPresent(executor -> {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        });
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Assembles a {@link Gatehouse}. Only the mailer and the public base URL are required. */
    public static final class Builder {
        private Stores stores;
        private Clock clock = Clock.systemUTC();
        private TokenSource tokens = TokenSource.secureRandom();
        private VerificationLinks links;
        private VerificationMailer mailer;
        private Executor mailExecutor;
        private MailQueue mailQueue = MailQueue.standard();
        private AsyncMemberAccess memberAccess;
        private HandoffTokens handoffTokens;
        private Backoff linkAttemptBackoff = Backoff.standard();
        private final List<VerificationListener> listeners = new ArrayList<>();
        private BiConsumer<GuildId, List<SetupWarning>> setupWarnings = SetupWatch::log;

        private Builder() {
        }

        /**
         * Where state lives; in memory if not set.
         *
         * @param stores every store port, e.g. {@code PostgresStores.start(dataSource).stores()}
         * @return this builder
         */
        public Builder stores(Stores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /**
         * The clock for expiry, rate limits and retries; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where link tokens come from; {@code SecureRandom} by default.
         *
         * @param tokens the token source
         * @return this builder
         */
        public Builder tokenSource(TokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * The public address of the link pages, e.g. {@code https://verify.example.edu}: links are
         * {@code <base>/verify/<token>} and {@code <base>/deny/<token>}.
         *
         * @param baseUrl an absolute http(s) URL without query or fragment
         * @return this builder
         */
        public Builder publicBaseUrl(URI baseUrl) {
            this.links = VerificationLinks.under(baseUrl);
            return this;
        }

        /**
         * Builds the emailed links itself, for link pages at other addresses; replaces {@link #publicBaseUrl}.
         *
         * @param links the link builder
         * @return this builder
         */
        public Builder verificationLinks(VerificationLinks links) {
            this.links = Objects.requireNonNull(links, "links");
            return this;
        }

        /**
         * Sends the verification emails; required.
         *
         * @param mailer the host's mail service
         * @return this builder
         */
        public Builder mailer(VerificationMailer mailer) {
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            return this;
        }

        /**
         * Where emails are sent from instead of the core's own senders; it may refuse work when full
         * ({@link java.util.concurrent.RejectedExecutionException}), which withdraws the link at once. The
         * {@linkplain #mailQueue deadline} still applies; its senders and capacity don't.
         *
         * @param executor runs each send
         * @return this builder
         */
        public Builder mailExecutor(Executor executor) {
            this.mailExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * How many senders, how many waiting emails and what deadline; by default {@link MailQueue#standard()}.
         *
         * @param queue the mail queue's limits
         * @return this builder
         */
        public Builder mailQueue(MailQueue queue) {
            this.mailQueue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * Signs and reads hand-off tokens; needed only by tenants that hand members off to their own site.
         *
         * @param tokens the signer
         * @return this builder
         */
        public Builder handoffTokens(HandoffTokens tokens) {
            this.handoffTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * How role and nickname changes reach the chat platform, if known when building; replaces any
         * {@link #asyncMemberAccess}.
         *
         * @param access applies each update, blocking until it is done
         * @return this builder
         */
        public Builder memberAccess(MemberAccess access) {
            this.memberAccess = AsyncMemberAccess.completing(Objects.requireNonNull(access, "access"));
            return this;
        }

        /**
         * How role and nickname changes reach the chat platform, for libraries that answer with futures; replaces
         * any {@link #memberAccess(MemberAccess)}. The outbox's retries, Retry-After and idempotency are the same.
         *
         * @param access starts each update and completes with its outcome
         * @return this builder
         */
        public Builder asyncMemberAccess(AsyncMemberAccess access) {
            this.memberAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        /**
         * The wait after repeated bad links or callbacks from one client address; by default 5 → 10 s, doubling per 5.
         *
         * @param backoff the schedule
         * @return this builder
         */
        public Builder linkAttemptBackoff(Backoff backoff) {
            this.linkAttemptBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Hears about a server whose setup keeps members from being verified fully (no verified role, verification
         * off, an empty directory, a question nobody can pass…): the warnings {@code status} shows, reported on the
         * first {@code /verify} there and again when the server's settings changed and its warnings with them.
         * {@link SetupWarning#inWords()} words each one as {@code /gatehouse status} does. By default each report is
         * one WARNING line in the {@code dev.gatehouse.core.Gatehouse} log. Called on the requesting thread; it must
         * not block.
         *
         * @param report receives the server and its warnings
         * @return this builder
         */
        public Builder setupWarnings(BiConsumer<GuildId, List<SetupWarning>> report) {
            this.setupWarnings = Objects.requireNonNull(report, "report");
            return this;
        }

        /**
         * Adds a listener for {@code MemberVerified}, {@code VerificationDenied} and {@code MemberUnlinked}.
         *
         * @param listener called after each change is committed, on the thread that made it
         * @return this builder
         */
        public Builder listener(VerificationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * {@return the assembled Gatehouse, with its mail senders started}
         *
         * @throws IllegalStateException without a mailer or the link pages' address
         */
        public Gatehouse build() {
            if (mailer == null) {
                throw new IllegalStateException("a Gatehouse needs a mailer");
            }
            if (links == null) {
                throw new IllegalStateException("a Gatehouse needs the public base URL of its link pages");
            }
            return new Gatehouse(this);
        }
    }
}
