package dev.flowdeck.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.FlowGraph;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learned flow graph as {@code flowdeck flow} prints it: every edge with how many hops took it and their p50
 * and p95 latency, most taken first (the graph's own order), and how many chain events each destination held.
 */
record FlowReport(FlowGraph graph) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] HEADINGS = {"FROM", "TO", "HOPS", "P50", "P95"};

    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (FlowEdge edge : graph.edges()) {
            rows.add(new String[] {edge.from(), edge.to(), String.format(java.util.Locale.ROOT, "%,d", edge.count()),
                Latency.text(edge.p50()), Latency.text(edge.p95())});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var text = new StringBuilder();
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(i < 2 ? row[i] + pad : pad + row[i]).append("  "); // figures right-aligned, headings too
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** One object: {@code edges} (from, to, count, p50Ms, p95Ms) and {@code visits} by destination, sorted. */
    String json() {
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("edges");
            for (FlowEdge edge : graph.edges()) {
                json.writeStartObject();
                json.writeStringField("from", edge.from());
                json.writeStringField("to", edge.to());
                json.writeNumberField("count", edge.count());
                json.writeNumberField("p50Ms", edge.p50().toMillis());
                json.writeNumberField("p95Ms", edge.p95().toMillis());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("visits");
            for (Map.Entry<String, Long> visit : new TreeMap<>(graph.visits()).entrySet()) {
                json.writeNumberField(visit.getKey(), visit.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; the generator's signature says it may
        }
        return text.toString();
    }
}
