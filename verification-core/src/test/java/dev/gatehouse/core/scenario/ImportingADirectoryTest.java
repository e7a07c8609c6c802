package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.CS101;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.ImportDirectory.DirectoryImported;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.ImportDirectory.ImportResult;
import dev.gatehouse.core.port.in.ImportDirectory.RowRejected;
import dev.gatehouse.core.port.in.ImportDirectory.TenantNotFound;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.DirectoryImports;
import dev.gatehouse.core.port.in.ImportDirectory.SyncCommand;
import java.time.Instant;
import java.util.Iterator;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImportingADirectoryTest {
    private final World world = new World();

    private ImportResult importRows(TenantId tenant, Stream<DirectoryRow> rows) {
        return world.gatehouse.importDirectory().importRows(new ImportCommand(tenant, rows));
    }

    @Test
    void anImportedFileIsAuditedWithItsCounts() {
        ImportResult result = importRows(CS101, Stream.of(DirectoryRow.user(2, "jdoe42", "jane.doe@uni.example.edu", "Jane Doe"),
                DirectoryRow.user(3, "new1", "new1@uni.example.edu", "New One"), DirectoryRow.link(4, "9001", "new1")));

        assertEquals(new DirectoryImported(CS101, new ImportCounts(1, 0, 1, 1, 0)), result);
        AuditEntry entry = world.stores.audit().recent(CS101, 1).get(0);
        assertEquals("directory.imported", entry.action());
        assertEquals("directory imported: 1 added, 0 updated, 1 unchanged; 1 links imported, 0 already there", entry.detail());
    }

    @Test
    void aRejectedFileNamesItsLineChangesNothingAndIsNotAudited() {
        int auditBefore = world.stores.audit().recent(CS101, 100).size();

        ImportResult result = importRows(CS101, Stream.of(DirectoryRow.user(2, "new1", "new1@uni.example.edu", "New One"),
                DirectoryRow.user(3, "new2", "not-an-email", "New Two")));

        RowRejected rejected = assertInstanceOf(RowRejected.class, result);
        assertEquals(3, rejected.line());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("new1")).isEmpty());
        assertEquals(auditBefore, world.stores.audit().recent(CS101, 100).size());
    }

    @Test
    void anUnknownTenantIsNamed() {
        assertEquals(new TenantNotFound(new TenantId("nope")), importRows(new TenantId("nope"), Stream.empty()));
    }

    @Test
    void progressIsToldEveryThousandRowsAndAtTheEnd() {
        List<Long> progress = new ArrayList<>();
        Stream<DirectoryRow> rows = LongStream.rangeClosed(1, 2500).mapToObj(i -> DirectoryRow.user(i + 1, "u" + i, "u" + i + "@x.org", "U"));

        ImportResult result = world.gatehouse.importDirectory().importRows(new ImportCommand(CS101, rows, progress::add));

        assertInstanceOf(DirectoryImported.class, result);
        assertEquals(List.of(1000L, 2000L, 2500L), progress);
    }

    @Test
    void aStoreThatIsDownIsReportedAsAValue() {
        Stores memory = InMemoryStores.create();
        memory.tenants().save(TenantSettings.defaults(CS101, "CS 101"));
        Stores down = new Stores(memory.transactions(), memory.tenants(), memory.guilds(), memory.directory(), memory.links(),
                memory.membershipIndex(), memory.sessions(), memory.rateLimits(), memory.memberUpdates(), memory.audit(),
                memory.handoffs(), memory.wrongAnswers(), new DirectoryImports() {
                    @Override
                    public ImportOutcome importRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now) {
                        throw new StoreUnavailableException("the database can't be reached", null);
                    }

                    @Override
                    public SyncOutcome syncRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now, SyncRules rules) {
                        throw new StoreUnavailableException("the database can't be reached", null);
                    }
                }, memory.signIns(), memory.personalData(), memory.arrivals());
        try (Gatehouse gatehouse = Gatehouse.builder().stores(down).publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailer(email -> MailOutcome.sent()).build()) {

            ImportResult result = gatehouse.importDirectory().importRows(new ImportCommand(CS101, Stream.of(
                    DirectoryRow.user(2, "u1", "u1@x.org", "U"))));

            assertEquals(new ServiceUnavailable(), result);
            assertEquals(new ServiceUnavailable(), gatehouse.importDirectory().syncRows(new SyncCommand(CS101, Stream.of(
                    DirectoryRow.user(2, "u1", "u1@x.org", "U")))));
        }
    }
}
