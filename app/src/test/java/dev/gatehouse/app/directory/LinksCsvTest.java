package dev.gatehouse.app.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class LinksCsvTest {

    private static List<CSVRecord> parsed(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void linksAreWrittenUnderAHeaderWithCrLfLineEnds() throws IOException {
        StringWriter out = new StringWriter();
        try (LinksCsv csv = new LinksCsv(out)) {
            csv.write(new Link(new TenantId("cs101"), new DiscordUserId(555), new DirectoryUserId("=cmd|'/c,calc'!a0"),
                    Instant.parse("2026-03-01T12:00:00Z"), LinkOrigin.IMPORT));
        }

        assertEquals("discord_user_id,user_id,linked_at,origin\r\n555,\"'=cmd|'/c,calc'!a0\",2026-03-01T12:00:00Z,import\r\n",
                out.toString());
    }

    @Test
    void cellsWithCommasQuotesAndLineBreaksReadBackAsWritten() throws IOException {
        List<String> values = List.of("a,b", "say \"hi\"", "two\r\nlines", "lf\nonly", "cr\ronly", " padded ", "plain");
        StringBuilder line = new StringBuilder();
        for (String value : values) {
            line.append(line.length() == 0 ? "" : ",").append(LinksCsv.cell(value));
        }

        List<CSVRecord> records = parsed(line + "\r\n");

        assertEquals(1, records.size());
        assertEquals(values, records.get(0).toList());
    }

    @Test
    void cellsThatASpreadsheetWouldRunGetALeadingQuoteAndStillReadBack() throws IOException {
        List<String> risky = List.of("=1+2", "+sum(a1:a9)", "-2+3", "@sum(1,2)", "\tx", "\rx");
        StringBuilder line = new StringBuilder();
        for (String value : risky) {
            line.append(line.length() == 0 ? "" : ",").append(LinksCsv.cell(value));
        }

        List<String> read = parsed(line + "\r\n").get(0).toList();

        for (int i = 0; i < risky.size(); i++) {
            assertEquals("'" + risky.get(i), read.get(i));
        }
        assertEquals("a=b", LinksCsv.cell("a=b"));
    }
}
