package dev.flowdeck.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.core.lag.PartitionVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One JSON object per group per sample, each on its own line, so {@code flowdeck lag --watch -o json | jq} sees
 * every sample as it comes. Statuses and trends are the enum names ({@code STALLED}, {@code CATCHING_UP}), stable
 * for scripts; spans are milliseconds; what is not known is {@code null}, never 0.
 */
final class LagJsonLines implements LagReport {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final String cluster;

    LagJsonLines(PrintStream out, String cluster) {
        this.out = out;
        this.cluster = cluster;
    }

    @Override
    public void write(MonitorUpdate sample) {
        for (GroupVerdict verdict : sample.verdicts()) {
            out.println(line(verdict));
        }
        out.flush();
    }

    String line(GroupVerdict verdict) {
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("at", verdict.at().toString());
            json.writeStringField("cluster", cluster);
            json.writeStringField("group", verdict.name());
            json.writeStringField("status", verdict.status().name());
            json.writeStringField("explanation", verdict.explanation());
            json.writeNumberField("lag", verdict.lag());
            writeMillis(json, "timeLagMs", verdict.timeLag());
            json.writeStringField("trend", verdict.trend().name());
            writeMillis(json, "catchUpMs", verdict.catchUp());
            json.writeNumberField("members", verdict.group().members());
            json.writeStringField("state", verdict.group().state());
            json.writeArrayFieldStart("partitions");
            for (PartitionVerdict partition : verdict.partitions()) {
                writePartition(json, partition);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; the generator's signature says it may
        }
        return text.toString();
    }

    private static void writePartition(JsonGenerator json, PartitionVerdict partition) throws IOException {
        json.writeStartObject();
        json.writeStringField("topic", partition.partition().topic());
        json.writeNumberField("partition", partition.partition().partition());
        long committed = partition.partition().committed();
        if (committed < 0) {
            json.writeNullField("committed"); // the group never committed here
        } else {
            json.writeNumberField("committed", committed);
        }
        json.writeNumberField("end", partition.partition().end());
        json.writeNumberField("lag", partition.lag());
        writeMillis(json, "timeLagMs", partition.timeLag());
        json.writeStringField("trend", partition.trend().name());
        writeMillis(json, "catchUpMs", partition.catchUp());
        json.writeNumberField("consumedPerSecond", rounded(partition.consumedRate()));
        json.writeNumberField("producedPerSecond", rounded(partition.producedRate()));
        json.writeEndObject();
    }

    private static void writeMillis(JsonGenerator json, String name, Optional<Duration> span) throws IOException {
        if (span.isPresent()) {
            json.writeNumberField(name, span.get().toMillis());
        } else {
            json.writeNullField(name);
        }
    }

    /** Rates to a thousandth: more digits than that only measure the sampling's jitter. */
    private static double rounded(double perSecond) {
        return Math.round(perSecond * 1000) / 1000.0;
    }
}
