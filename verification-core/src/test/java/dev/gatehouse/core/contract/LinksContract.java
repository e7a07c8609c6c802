package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Links;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.text.Languages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@code Links} and the {@code MembershipIndex} that follows them. */
public abstract class LinksContract extends StoreContract {

    private static Link inLanguage(Link link, Locale language) {
        return new Link(link.tenant(), link.discordUser(), link.directoryUser(), link.linkedAt(), link.origin(), Optional.of(language));
    }

    private static Link link(TenantId tenant, long discordUser, String directoryUser, int secondsAfterT0) {
        return new Link(tenant, new DiscordUserId(discordUser), new DirectoryUserId(directoryUser), T0.plusSeconds(secondsAfterT0),
                LinkOrigin.EMAIL);
    }

    @Test
    void anInsertedLinkIsFoundFromBothSides() {
        createTenants();
        Link link = link(TENANT, 1001, "jdoe42", 0);

        assertEquals(new LinkInsert.Inserted(link), stores.links().insert(link));
        assertEquals(Optional.of(link), stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)));
        assertEquals(Optional.of(link), stores.links().findByDirectoryUser(TENANT, new DirectoryUserId("JDOE42")));
        assertEquals(1, stores.links().count(TENANT));
    }

    @Test
    void aDiscordAccountHoldsOneLinkPerTenant() {
        createTenants();
        Link first = link(TENANT, 1001, "jdoe42", 0);
        stores.links().insert(first);

        LinkInsert second = stores.links().insert(link(TENANT, 1001, "asmith", 1));

        assertEquals(new LinkInsert.DiscordUserTaken(first), second);
        assertEquals(Optional.empty(), stores.links().findByDirectoryUser(TENANT, new DirectoryUserId("asmith")));
    }

    @Test
    void aDirectoryUserHoldsOneDiscordAccountPerTenant() {
        createTenants();
        Link first = link(TENANT, 1001, "jdoe42", 0);
        stores.links().insert(first);

        LinkInsert second = stores.links().insert(link(TENANT, 2002, "jdoe42", 1));

        assertEquals(new LinkInsert.DirectoryUserTaken(first), second);
        assertEquals(Optional.empty(), stores.links().findByDiscordUser(TENANT, new DiscordUserId(2002)));
    }

    @Test
    void theSamePeopleMayBeLinkedInAnotherTenant() {
        createTenants();
        stores.links().insert(link(TENANT, 1001, "jdoe42", 0));

        assertInstanceOf(LinkInsert.Inserted.class, stores.links().insert(link(OTHER_TENANT, 1001, "jdoe42", 0)));
        assertEquals(1, stores.links().count(OTHER_TENANT));
    }

    @Test
    void removingALinkFreesBothSides() {
        createTenants();
        Link link = link(TENANT, 1001, "jdoe42", 0);
        stores.links().insert(link);

        assertEquals(Optional.of(link), stores.links().remove(TENANT, new DiscordUserId(1001)));
        assertEquals(Optional.empty(), stores.links().remove(TENANT, new DiscordUserId(1001)));
        assertInstanceOf(LinkInsert.Inserted.class, stores.links().insert(link(TENANT, 2002, "jdoe42", 5)));
    }

    @Test
    void linksAreListedOldestFirstInPages() {
        createTenants();
        stores.links().insert(link(TENANT, 3003, "c", 30));
        stores.links().insert(link(TENANT, 1001, "a", 10));
        stores.links().insert(link(TENANT, 2002, "b", 20));
        stores.links().insert(link(OTHER_TENANT, 4004, "d", 5));

        assertEquals(List.of(1001L, 2002L), ids(stores.links().list(TENANT, 0, 2)));
        assertEquals(List.of(3003L), ids(stores.links().list(TENANT, 2, 2)));
        assertEquals(List.of(), ids(stores.links().list(TENANT, 3, 2)));
    }

    private static List<Long> ids(List<Link> links) {
        return links.stream().map(l -> l.discordUser().value()).toList();
    }

    @Test
    void theMembershipIndexFollowsLinkAndUnlink() {
        createTenants();
        DiscordUserId member = new DiscordUserId(1001);
        assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(TENANT, member));

        stores.transactions().inTransaction(() -> stores.links().insert(link(TENANT, 1001, "jdoe42", 0)));
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.VERIFIED));
        assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(OTHER_TENANT, member));

        stores.transactions().inTransaction(() -> stores.links().remove(TENANT, member));
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.UNVERIFIED));
    }

    @Test
    void twoRequestersRacingForOneDirectoryUserGetOneLink() throws Exception {
        createTenants();
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LinkInsert>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                long discordUser = 5000 + i;
                Callable<LinkInsert> racer = () -> {
                    start.await();
                    return stores.transactions().inTransaction(() -> stores.links().insert(link(TENANT, discordUser, "jdoe42", 0)));
                };
                results.add(pool.submit(racer));
            }
            start.countDown();
            long inserted = 0;
            for (Future<LinkInsert> result : results) {
                if (result.get() instanceof LinkInsert.Inserted) {
                    inserted++;
                }
            }
            assertEquals(1, inserted);
            assertEquals(1, stores.links().count(TENANT));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- re-verification ----------------------------------------------------------------------------

    @Test
    void remindersAreClaimedOnceForLinksMadeBeforeTheCutoffOldestFirst() {
        createTenants();
        stores.links().insert(link(TENANT, 1001, "jdoe42", 0));
        stores.links().insert(link(TENANT, 1002, "asmith", 10));
        stores.links().insert(link(TENANT, 1003, "bkhan", 20));
        stores.links().insert(link(OTHER_TENANT, 1001, "jdoe42", 0));

        List<Links.DueLink> first = stores.links().claimReminders(TENANT, T0.plusSeconds(20), T0.plusSeconds(30), 1);
        List<Links.DueLink> rest = stores.links().claimReminders(TENANT, T0.plusSeconds(20), T0.plusSeconds(30), 10);
        List<Links.DueLink> again = stores.links().claimReminders(TENANT, T0.plusSeconds(20), T0.plusSeconds(31), 10);

        assertEquals(List.of(1001L), members(first));
        assertEquals(List.of(1002L), members(rest));
        assertEquals(List.of(), again);
        assertEquals(List.of(1001L), members(stores.links().claimReminders(OTHER_TENANT, T0.plusSeconds(20), T0, 10)));
    }

    @Test
    void aLinksLanguageIsKeptAndFoundFromBothSidesAndWhenRemoved() {
        createTenants();
        Link portuguese = inLanguage(link(TENANT, 1001, "jdoe42", 0), Languages.BRAZILIAN_PORTUGUESE);
        Link unknown = link(TENANT, 1002, "asmith", 1);

        assertEquals(new LinkInsert.Inserted(portuguese), stores.links().insert(portuguese));
        stores.links().insert(unknown);

        assertEquals(Optional.of(portuguese), stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)));
        assertEquals(Optional.of(portuguese), stores.links().findByDirectoryUser(TENANT, new DirectoryUserId("jdoe42")));
        assertEquals(List.of(portuguese, unknown), stores.links().list(TENANT, 0, 10));
        assertEquals(Optional.of(portuguese), stores.links().remove(TENANT, new DiscordUserId(1001)));
    }

    @Test
    void aDueLinkCarriesTheLanguageKeptWithTheLinkNotOneOfTheMembersRequests() {
        createTenants();
        VerificationSession p = pendingSession(TENANT, 1002, "asmith", T0);
        stores.sessions().startReplacingPending(new VerificationSession(p.id(), p.tenant(), p.guild(), p.guildName(), p.requester(),
                p.directoryUser(), p.tokenHash(), p.createdAt(), p.expiresAt(), p.state(), Optional.of(Locale.FRENCH)));
        stores.links().insert(inLanguage(link(TENANT, 1001, "jdoe42", 0), Locale.GERMAN));
        stores.links().insert(link(TENANT, 1002, "asmith", 0));
        stores.links().insert(inLanguage(link(TENANT, 1003, "bkhan", 0), Locale.FRENCH));

        List<Links.DueLink> due = stores.links().claimReminders(TENANT, T0.plusSeconds(1), T0.plusSeconds(1), 10);
        List<Links.DueLink> lapsed = stores.transactions().inTransaction(() -> stores.links().removeLapsed(TENANT, T0.plusSeconds(1), 10));

        List<Optional<Locale>> expected = List.of(Optional.of(Locale.GERMAN), Optional.empty(), Optional.of(Locale.FRENCH));
        assertEquals(expected, due.stream().map(Links.DueLink::language).toList());
        assertEquals(expected, lapsed.stream().map(Links.DueLink::language).toList());
        assertEquals(expected, lapsed.stream().map(d -> d.link().language()).toList());
    }

    @Test
    void lapsedLinksAreRemovedOnceAndTheMembershipIndexFollows() {
        createTenants();
        Link old = link(TENANT, 1001, "jdoe42", 0);
        stores.links().insert(old);
        stores.links().insert(link(TENANT, 1002, "asmith", 10));
        DiscordUserId member = new DiscordUserId(1001);
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.VERIFIED));

        List<Links.DueLink> removed = stores.transactions().inTransaction(
                () -> stores.links().removeLapsed(TENANT, T0.plusSeconds(5), 10));

        assertEquals(List.of(old), removed.stream().map(Links.DueLink::link).toList());
        assertEquals(List.of(), stores.links().removeLapsed(TENANT, T0.plusSeconds(5), 10));
        assertEquals(Optional.empty(), stores.links().findByDiscordUser(TENANT, member));
        assertEquals(1, stores.links().count(TENANT));
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.UNVERIFIED));
    }

    @Test
    void aRenewedLinkHoldsFromTheRenewalAndIsRemindedAgain() {
        createTenants();
        stores.links().insert(link(TENANT, 1001, "jdoe42", 0));
        stores.links().claimReminders(TENANT, T0.plusSeconds(1), T0.plusSeconds(1), 10);
        Instant renewal = T0.plusSeconds(100);

        Optional<Link> renewed = stores.links().renew(TENANT, new DiscordUserId(1001), new DirectoryUserId("jdoe42"), renewal,
                Optional.empty());

        assertEquals(Optional.of(renewal), renewed.map(Link::linkedAt));
        assertEquals(renewed, stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)));
        assertEquals(List.of(), stores.links().removeLapsed(TENANT, T0.plusSeconds(100), 10));
        assertEquals(List.of(1001L), members(stores.links().claimReminders(TENANT, T0.plusSeconds(101), T0.plusSeconds(101), 10)));
    }

    @Test
    void aRenewalInAKnownLanguageTakesItAndOneInAnUnknownKeepsTheLinks() {
        createTenants();
        stores.links().insert(inLanguage(link(TENANT, 1001, "jdoe42", 0), Locale.GERMAN));
        DiscordUserId member = new DiscordUserId(1001);
        DirectoryUserId user = new DirectoryUserId("jdoe42");

        Optional<Link> spanish = stores.links().renew(TENANT, member, user, T0.plusSeconds(10), Optional.of(Locale.forLanguageTag("es")));
        assertEquals(Optional.of(Locale.forLanguageTag("es")), spanish.flatMap(Link::language));
        assertEquals(spanish, stores.links().findByDiscordUser(TENANT, member));

        Optional<Link> unknown = stores.links().renew(TENANT, member, user, T0.plusSeconds(20), Optional.empty());
        assertEquals(Optional.of(Locale.forLanguageTag("es")), unknown.flatMap(Link::language));
        assertEquals(unknown, stores.links().findByDiscordUser(TENANT, member));
        assertEquals(List.of(Optional.of(Locale.forLanguageTag("es"))), stores.links().claimReminders(TENANT, T0.plusSeconds(21),
                T0.plusSeconds(21), 10).stream().map(Links.DueLink::language).toList());
    }

    @Test
    void onlyTheAccountsOwnLinkIsRenewed() {
        createTenants();
        Link link = link(TENANT, 1001, "jdoe42", 0);
        stores.links().insert(link);

        assertEquals(Optional.empty(), stores.links().renew(TENANT, new DiscordUserId(1001), new DirectoryUserId("asmith"), T0,
                Optional.of(Locale.GERMAN)));
        assertEquals(Optional.empty(), stores.links().renew(TENANT, new DiscordUserId(2002), new DirectoryUserId("jdoe42"), T0,
                Optional.of(Locale.GERMAN)));
        assertEquals(Optional.of(link), stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)));
    }

    @Test
    void sweepersRacingForTheSameLapsedLinksEachTakeDifferentOnes() throws Exception {
        createTenants();
        for (int i = 0; i < 40; i++) {
            stores.links().insert(link(TENANT, 3000 + i, "user" + i, 0));
        }
        int sweepers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sweepers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Links.DueLink>>> results = new ArrayList<>();
            for (int i = 0; i < sweepers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Links.DueLink> mine = new ArrayList<>();
                    List<Links.DueLink> batch;
                    do {
                        batch = stores.transactions().inTransaction(() -> stores.links().removeLapsed(TENANT, T0.plusSeconds(1), 3));
                        mine.addAll(batch);
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Links.DueLink>> result : results) {
                all.addAll(members(result.get()));
            }
            assertEquals(40, all.size());
            assertEquals(40, all.stream().distinct().count());
            assertEquals(0, stores.links().count(TENANT));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sweepersRacingForTheSameRemindersEachTakeDifferentOnes() throws Exception {
        createTenants();
        for (int i = 0; i < 40; i++) {
            stores.links().insert(link(TENANT, 4000 + i, "user" + i, 0));
        }
        int sweepers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sweepers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Links.DueLink>>> results = new ArrayList<>();
            for (int i = 0; i < sweepers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Links.DueLink> mine = new ArrayList<>();
                    List<Links.DueLink> batch;
                    do {
                        batch = stores.transactions().inTransaction(
                                () -> stores.links().claimReminders(TENANT, T0.plusSeconds(1), T0.plusSeconds(2), 3));
                        mine.addAll(batch);
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Links.DueLink>> result : results) {
                all.addAll(members(result.get()));
            }
            assertEquals(40, all.size());
            assertEquals(40, all.stream().distinct().count());
            assertEquals(40, stores.links().count(TENANT), "reminding ends nothing");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> members(List<Links.DueLink> due) {
        return due.stream().map(d -> d.link().discordUser().value()).toList();
    }
}
