package dev.gatehouse.core;

import dev.gatehouse.core.event.VerificationListener;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.WelcomeMembers;
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
import dev.gatehouse.core.service.SignInService;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.service.MemberUpdateRelay;
import dev.gatehouse.core.service.MembershipService;
import dev.gatehouse.core.service.RequestService;
import dev.gatehouse.core.service.Retention;
import dev.gatehouse.core.service.TenantAdministration;
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

/**
 * The verification core, assembled: every use case over one set of stores. Build it with {@link #builder()};
 * without {@link Builder#stores(Stores)} it keeps everything in memory. Close it to stop the threads it
 * started itself (the mail senders and the background delivery of member updates).
 */
public final class Gatehouse implements AutoCloseable {
    private final Stores stores;
    private final Clock clock;
    private final EventBus events;
    private final RequestService requests;
    private final VerificationService verification;
    private final Retention retention;
    private final Optional<HandoffService> handoffs;
    private final SignInService signIns;
    private final WrongAnswerReports wrongAnswers;
    private final MembershipService membership;
    private final GuildAdministration administration;
    private final TenantAdministration tenants;
    private final DirectoryImport directoryImport;
    private final Optional<MemberAccess> memberAccess;
    private final Optional<ExecutorService> ownMailExecutor;
    private final ScheduledExecutorService mailDeadlines;
    private volatile ScheduledExecutorService deliveryLoop;

    private Gatehouse(Builder builder) {
        this.stores = builder.stores != null ? builder.stores : InMemoryStores.create();
        this.clock = builder.clock;
        this.events = new EventBus();
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
        this.requests = new RequestService(stores, clock, builder.tokens, builder.links, builder.mailer, mailExecutor,
                mailQueue.deadline(), mailDeadlines, handoffTokens);
        this.verification = new VerificationService(stores, clock, builder.linkAttemptBackoff, events);
        this.retention = new Retention(stores, clock);
        this.handoffs = handoffTokens.map(tokens -> new HandoffService(stores, clock, tokens, builder.linkAttemptBackoff, events));
        this.signIns = new SignInService(stores, clock, builder.tokens, events);
        this.wrongAnswers = new WrongAnswerReports(stores, clock);
        this.membership = new MembershipService(stores, clock);
        this.administration = new GuildAdministration(stores, clock, events);
        this.tenants = new TenantAdministration(stores, clock);
        this.directoryImport = new DirectoryImport(stores, clock);
        this.memberAccess = Optional.ofNullable(builder.memberAccess);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code /verify}: answer the question, then get an emailed link or a hand-off to the organisation's site. */
    public RequestVerification requestVerification() {
        return requests;
    }

    /** A member signing in with the tenant's OpenID Connect provider (the protocol is the caller's). */
    public SignInWithProvider signInWithProvider() {
        return signIns;
    }

    /**
     * The organisation's site calling back after a hand-off. Needs {@link Builder#handoffTokens}; without it
     * every callback is refused as not enabled.
     */
    public CompleteHandoff completeHandoff() {
        return handoffs.<CompleteHandoff>map(h -> h).orElse(command -> new CompleteHandoff.CallbackRefused(
                CompleteHandoff.Refusal.NOT_ENABLED));
    }

    /** The wrong answers members gave, grouped, for admins. */
    public ReviewWrongAnswers wrongAnswers() {
        return wrongAnswers;
    }

    /** The link pages: preview, confirm, deny. */
    public ReviewVerification reviewVerification() {
        return verification;
    }

    /** The message gate. */
    public GateMessages gate() {
        return membership;
    }

    /** Members joining a server. */
    public WelcomeMembers welcome() {
        return membership;
    }

    /** Server setup and member administration. */
    public AdministerGuild administration() {
        return administration;
    }

    /** The operator's tenants: create, change, describe, delete, export links. */
    public AdministerTenants tenants() {
        return tenants;
    }

    /** The operator's directory import: users (and the links the tutorial bot kept) from a file's rows. */
    public ImportDirectory importDirectory() {
        return directoryImport;
    }

    /** The depth of the member-update outbox, for status and metrics. */
    public InspectOutbox outbox() {
        return () -> stores.memberUpdates().depth(clock.instant());
    }

    /** Marks overdue sessions and hand-offs expired. */
    public ExpireSessions expiry() {
        return verification;
    }

    /** Deletes sessions, hand-offs and wrong answers older than each tenant's retention. */
    public PurgeOldRecords retention() {
        return retention;
    }

    /** Applies queued member updates with the member access given to the builder, for every guild. */
    public DeliverMemberUpdates deliverMemberUpdates() {
        return deliverMemberUpdatesVia(memberAccess.orElseThrow(() ->
                new IllegalStateException("no member access configured: pass one to the builder or use deliverMemberUpdatesVia")),
                Shard.ALL);
    }

    /** Applies queued member updates of one shard's guilds with the given member access (e.g. a bot built later). */
    public DeliverMemberUpdates deliverMemberUpdatesVia(MemberAccess access, Shard shard) {
        return new MemberUpdateRelay(stores.memberUpdates(), access, shard, clock);
    }

    /**
     * Starts a daemon thread that applies due member updates every {@code interval} with the builder's member
     * access. For hosts that don't schedule {@link #deliverMemberUpdates()} themselves.
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

    /** Adds a listener for {@code MemberVerified}, {@code VerificationDenied} and {@code MemberUnlinked}. */
    public void addListener(VerificationListener listener) {
        events.add(listener);
    }

    public Clock clock() {
        return clock;
    }

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
        private MemberAccess memberAccess;
        private HandoffTokens handoffTokens;
        private Backoff linkAttemptBackoff = Backoff.standard();
        private final List<VerificationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Where state lives; in memory if not set. */
        public Builder stores(Stores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder tokenSource(TokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** The public address of the link pages, e.g. {@code https://verify.example.edu}. */
        public Builder publicBaseUrl(URI baseUrl) {
            this.links = VerificationLinks.under(baseUrl);
            return this;
        }

        public Builder verificationLinks(VerificationLinks links) {
            this.links = Objects.requireNonNull(links, "links");
            return this;
        }

        public Builder mailer(VerificationMailer mailer) {
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            return this;
        }

        /**
         * Where emails are sent from instead of the core's own senders; it may refuse work when full
         * ({@link java.util.concurrent.RejectedExecutionException}), which withdraws the link at once. The
         * {@linkplain #mailQueue deadline} still applies; its senders and capacity don't.
         */
        public Builder mailExecutor(Executor executor) {
            this.mailExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How many senders, how many waiting emails and what deadline; by default {@link MailQueue#standard()}. */
        public Builder mailQueue(MailQueue queue) {
            this.mailQueue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /** Signs and reads hand-off tokens; needed only by tenants that hand members off to their own site. */
        public Builder handoffTokens(HandoffTokens tokens) {
            this.handoffTokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** How role and nickname changes reach the chat platform, if known when building. */
        public Builder memberAccess(MemberAccess access) {
            this.memberAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        /** The wait after repeated bad links or callbacks from one client address; by default 5 → 10 s, doubling per 5. */
        public Builder linkAttemptBackoff(Backoff backoff) {
            this.linkAttemptBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder listener(VerificationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

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
