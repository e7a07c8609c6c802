package org.example.hostbot;

import static java.lang.System.Logger.Level.INFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding the core in another bot", run as written: another Java bot embedding the core with its
 * own mail service and its own Discord calls, everything else in memory. The code between the two marker lines is
 * the README's example, word for word (whitespace aside); {@link #theReadmeShowsThisExampleAsWritten} keeps them one
 * text. Lives outside the core's packages on purpose: it may use only the public API.
 */
class HostBotEmbeddingTest {
    private static final String BEGIN = "// ---- the README's example begins ----";
    private static final String END = "// ---- the README's example ends ----";
    private static final String README_SECTION = "Embedding the core in another bot";
    private static final GuildId SERVER = new GuildId(123456789012345678L);

    // ---- the README's example begins ----
    /** Your bot: it hands the core its mail service and its Discord calls; everything else stays in memory. */
    final class ChessClubBot implements AutoCloseable {
        private static final System.Logger log = System.getLogger("chess-club-bot");
        private final Gatehouse gatehouse;
        private final GuildId serverId;

        ChessClubBot(MyMail myMail, MyDiscord myDiscord, GuildId serverId) {
            this.serverId = serverId;
            this.gatehouse = Gatehouse.builder()                   // state in memory; .stores(...) for PostgreSQL
                    .publicBaseUrl(URI.create("https://verify.example.org"))   // where your link pages live
                    .mailer(email -> { myMail.send(email.to(), email.confirmLink(), email.denyLink()); return MailOutcome.sent(); })
                    .memberAccess(update -> { myDiscord.apply(update); return AccessOutcome.applied(); })
                    .listener(event -> { if (event instanceof MemberVerified v) log.log(INFO, "verified {0}", v.link()); })
                    .build();
            TenantId club = new TenantId("chess-club");
            gatehouse.tenants().create(new CreateTenant(club, "Chess Club", List.of()));
            gatehouse.importDirectory().importRows(new ImportCommand(club, Stream.of(new DirectoryRow.User(1,
                    new DirectoryUserId("m-17"), new EmailAddress("magnus@example.org"), new DisplayName("Magnus C.")))));
            gatehouse.administration().bind(new BindCommand(serverId, club, Authority.OPERATOR));
            gatehouse.administration().configure(ConfigureCommand.of(serverId,
                    new GuildSettingChange.VerifiedRole(new RoleId(42)),   // granted once a member is verified
                    new GuildSettingChange.GateMessages(true)));           // unverified members' messages are deleted
            gatehouse.startBackgroundDelivery(Duration.ofSeconds(1));  // applies queued role and nickname changes
        }

        /** Your /verify handler, off the gateway thread. */
        RequestResult onVerify(String serverName, DiscordAccount account, String typedId) {
            return gatehouse.requestVerification().request(new RequestCommand(serverId, serverName, account, typedId));
        }

        /** Your link page's Confirm button; the token is the last segment of the emailed link. */
        ConfirmResult onConfirm(String token, ClientIp clientIp) {
            return gatehouse.reviewVerification().confirm(new LinkCommand(token, clientIp));
        }

        /** Every message in the server (answered from memory). */
        void onMessage(MyMessage message) {
            if (gatehouse.gate().decide(new GateCommand(serverId, message.authorId(), message.authorIsBot())).deletes()) {
                message.delete();
            }
        }

        @Override
        public void close() {
            gatehouse.close();
        }
    }
    // ---- the README's example ends ----

    /** The host bot's own mail service: here it keeps the confirm link it was asked to send, by address. */
    static final class MyMail {
        private final Map<String, URI> confirmLinks = new ConcurrentHashMap<>();

        void send(EmailAddress to, URI confirmLink, URI denyLink) {
            confirmLinks.put(to.value(), confirmLink);
        }

        URI confirmLinkSentTo(String address) {
            return confirmLinks.get(address);
        }
    }

    /** The host bot's own Discord calls: here it keeps the changes it was asked to make. */
    static final class MyDiscord {
        private final List<String> changes = new CopyOnWriteArrayList<>();

        void apply(MemberUpdate update) {
            changes.add(update.guild() + "/" + update.member() + " " + update.change());
        }
    }

    /** A message in the host bot's own terms. */
    static final class MyMessage {
        private final DiscordUserId authorId;
        private final boolean authorIsBot;
        private final AtomicBoolean deleted = new AtomicBoolean();

        MyMessage(DiscordUserId authorId, boolean authorIsBot) {
            this.authorId = authorId;
            this.authorIsBot = authorIsBot;
        }

        DiscordUserId authorId() {
            return authorId;
        }

        boolean authorIsBot() {
            return authorIsBot;
        }

        void delete() {
            deleted.set(true);
        }

        boolean deleted() {
            return deleted.get();
        }
    }

    @Test
    void aMemberVerifiesThroughTheHostBotGetsTheRoleAndNicknameAndTheGateKeepsOnlyVerifiedMembersMessages() throws Exception {
        MyMail myMail = new MyMail();
        MyDiscord myDiscord = new MyDiscord();
        DiscordAccount magnus = new DiscordAccount(new DiscordUserId(555), "magnus");
        try (ChessClubBot bot = new ChessClubBot(myMail, myDiscord, SERVER)) {
            MyMessage beforeVerifying = new MyMessage(magnus.id(), false);
            bot.onMessage(beforeVerifying);
            assertTrue(beforeVerifying.deleted(), "an unverified member's message is deleted");

            LinkSent sent = assertInstanceOf(LinkSent.class, bot.onVerify("Chess Club", magnus, "M-17"));
            assertEquals(MailDelivery.SENT, sent.delivery().toCompletableFuture().join());
            URI link = myMail.confirmLinkSentTo("magnus@example.org");
            assertTrue(link.toString().startsWith("https://verify.example.org/verify/"), link::toString);
            String token = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);

            assertInstanceOf(Confirmed.class, bot.onConfirm(token, new ClientIp("192.0.2.1")));

            List<String> expected = List.of(SERVER + "/555 " + new MemberChange.GrantRole(new RoleId(42)),
                    SERVER + "/555 " + new MemberChange.SetNickname("Magnus C."));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (myDiscord.changes.size() < expected.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(expected, myDiscord.changes, "the background delivery applied the role and the nickname");
            MyMessage afterVerifying = new MyMessage(magnus.id(), false);
            MyMessage stranger = new MyMessage(new DiscordUserId(666), false);
            MyMessage otherBot = new MyMessage(new DiscordUserId(777), true);
            List.of(afterVerifying, stranger, otherBot).forEach(bot::onMessage);
            assertFalse(afterVerifying.deleted(), "a verified member's message stays");
            assertTrue(stranger.deleted(), "an unverified member's message is deleted");
            assertFalse(otherBot.deleted(), "bots are not gated");
        }
    }

    @Test
    void theReadmeShowsThisExampleAsWritten() throws IOException {
        Path root = projectRoot();
        String test = Files.readString(root.resolve("verification-core/src/test/java/org/example/hostbot/HostBotEmbeddingTest.java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);

        assertEquals(normalised(between(test, BEGIN, END)), normalised(javaBlockUnder(readme, README_SECTION)));
    }

    /** The lines strictly between the two marker lines. */
    private static String between(String source, String begin, String end) {
        List<String> lines = source.lines().toList();
        int from = lines.stream().map(String::strip).toList().indexOf(begin);
        int to = lines.stream().map(String::strip).toList().indexOf(end);
        assertTrue(from >= 0 && to > from, "the markers are missing or out of order");
        return String.join("\n", lines.subList(from + 1, to));
    }

    /** The first Java code block after the heading named {@code section}. */
    private static String javaBlockUnder(String markdown, String section) {
        boolean inSection = false;
        for (Node node = Parser.builder().build().parse(markdown).getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                inSection = heading.getFirstChild() instanceof Text text && text.getLiteral().equals(section);
            } else if (inSection && node instanceof FencedCodeBlock block && block.getInfo().equals("java")) {
                return block.getLiteral();
            }
        }
        throw new AssertionError("README.md has no java block under \"" + section + "\"");
    }

    /** Each line stripped and its runs of spaces made one, blank lines dropped. */
    private static String normalised(String code) {
        return String.join("\n", code.lines().map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty()).toList());
    }

    /** The folder holding the Maven wrapper: tests run from the module, an IDE may run them from the root. */
    private static Path projectRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isRegularFile(folder.resolve("mvnw"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }
}
