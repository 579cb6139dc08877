package dev.flowdeck.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditExportTest {

    private static final List<AuditEntry> ENTRIES = List.of(
            new AuditEntry(Instant.parse("2026-03-02T10:00:00Z"), "prod-eu", "ana", "replay events",
                    "payments", "12 dead letters of payments.DLT, group 769cfd70 (\"timeout\", retried)",
                    AuditEntry.SUCCEEDED),
            new AuditEntry(Instant.parse("2026-03-02T10:05:00Z"), "prod-eu", "ana", "reset offsets",
                    "group billing", "payments-0: 40 → 12\npayments-1: 7 → 7", AuditEntry.failed("Stop its 2 consumers first.")));

    @Test
    void jsonLinesHoldEveryFieldOfEveryEntryOneObjectALine() throws Exception {
        var out = new ByteArrayOutputStream();

        AuditExport.jsonLines(ENTRIES, out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> second = new ObjectMapper().readValue(lines.get(1),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        assertThat(second).containsEntry("at", "2026-03-02T10:05:00Z").containsEntry("action", "reset offsets")
                .containsEntry("detail", "payments-0: 40 → 12\npayments-1: 7 → 7")
                .containsEntry("outcome", "failed: Stop its 2 consumers first.");
        assertThat(second.keySet()).containsExactlyElementsOf(AuditExport.FIELDS);
    }

    @Test
    void csvQuotesWhatHoldsCommasQuotesOrLineBreaks() {
        var out = new ByteArrayOutputStream();

        AuditExport.csv(ENTRIES, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "at,cluster,operator,action,target,detail,outcome\r\n"
                + "2026-03-02T10:00:00Z,prod-eu,ana,replay events,payments,"
                + "\"12 dead letters of payments.DLT, group 769cfd70 (\"\"timeout\"\", retried)\",succeeded\r\n"
                + "2026-03-02T10:05:00Z,prod-eu,ana,reset offsets,group billing,"
                + "\"payments-0: 40 → 12\npayments-1: 7 → 7\",failed: Stop its 2 consumers first.\r\n");
    }
}
