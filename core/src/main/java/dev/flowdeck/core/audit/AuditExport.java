package dev.flowdeck.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.export.CsvFields;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The audit log as an operator hands it on (to an incident review, a change record): JSON Lines, one object per
 * entry with the fields of {@link AuditEntry}, or CSV with a header row. Oldest first, as the log keeps them.
 */
public final class AuditExport {

    /** The fields of an entry, in order: the CSV header row and the JSON object's keys. */
    public static final List<String> FIELDS = List.of("at", "cluster", "operator", "action", "target", "detail",
            "outcome");
    private static final JsonFactory JSON = new JsonFactory();

    private AuditExport() {
    }

    /** Writes {@code entries} to {@code out} as JSON Lines; {@code out} is flushed, not closed. */
    public static void jsonLines(List<AuditEntry> entries, OutputStream out) {
        try {
            Writer writer = writer(out);
            for (AuditEntry entry : entries) {
                try (JsonGenerator json = JSON.createGenerator(writer)) {
                    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    json.writeStartObject();
                    List<String> values = values(entry);
                    for (int i = 0; i < FIELDS.size(); i++) {
                        json.writeStringField(FIELDS.get(i), values.get(i));
                    }
                    json.writeEndObject();
                }
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The audit log could not be exported: " + e.getMessage(), e);
        }
    }

    /** Writes {@code entries} to {@code out} as CSV (RFC 4180, CRLF); {@code out} is flushed, not closed. */
    public static void csv(List<AuditEntry> entries, OutputStream out) {
        try {
            Writer writer = writer(out);
            writer.write(String.join(",", FIELDS) + "\r\n");
            for (AuditEntry entry : entries) {
                writer.write(String.join(",", values(entry).stream().map(CsvFields::of).toList()) + "\r\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The audit log could not be exported: " + e.getMessage(), e);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    private static List<String> values(AuditEntry entry) {
        return List.of(entry.at().toString(), entry.cluster(), entry.operator(), entry.action(), entry.target(),
                entry.detail(), entry.outcome());
    }
}
