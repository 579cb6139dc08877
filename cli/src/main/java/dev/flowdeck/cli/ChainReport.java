package dev.flowdeck.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.DeadLetterReason;
import dev.flowdeck.core.trace.StopPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One chain as {@code flowdeck trace} prints it: each event (time, destination, partition, offset, the hop's
 * latency from the event before, the dead-letter reason) and where the chain stopped short of the usual flow.
 *
 * @param asked  what the operator asked for (a trace id or a key value)
 * @param chain  the chain found
 * @param stop   where it stopped, if it stopped short of the usual flow
 */
record ChainReport(String asked, Chain chain, Optional<StopPoint> stop) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] HEADINGS = {"TIME", "DESTINATION", "PARTITION", "OFFSET", "HOP", "DEAD-LETTER REASON"};

    /** Aligned columns with a heading line above and the stop under them. */
    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        ChainEvent before = null;
        for (ChainEvent event : chain.events()) {
            rows.add(new String[] {event.timestamp().toString(), event.destination(),
                Integer.toString(event.partition()), Long.toString(event.offset()),
                before == null ? "-" : Latency.text(Duration.between(before.timestamp(), event.timestamp())),
                event.deadLetter() ? event.reason().map(ChainReport::reason).orElse("(no reason in its headers)")
                    : ""});
            before = event;
        }
        var text = new StringBuilder();
        text.append("Chain ").append(chain.traceId().map(id -> "of trace " + id).orElse("of key " + asked))
                .append(": ").append(chain.events().size()).append(chain.events().size() == 1 ? " event" : " events")
                .append(" in ").append(chain.path().stream().distinct().count()).append(" destinations, ")
                .append(Latency.text(chain.span())).append(" from first to last\n\n");
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i == 2 || i == 3 || i == 4;
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + (i == row.length - 1 ? "" : " ".repeat(widths[i] - row[i].length()));
                line.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        text.append('\n').append(stopSentence()).append('\n');
        return text.toString();
    }

    /** Where the chain ended, in a sentence. */
    String stopSentence() {
        if (stop.isEmpty()) {
            String last = chain.last().destination();
            return chain.deadLetters().isEmpty() ? "Ended in " + last + ", where most chains end."
                    : "Dead-lettered; no usual next hop from where it was before.";
        }
        StopPoint at = stop.get();
        return String.format(Locale.ROOT, "Stopped at %s: %.0f%% of chains there go on to %s; last seen %s, %s "
                        + "before the newest event indexed (%s).", at.stoppedAt(), at.shareThatContinue() * 100,
                at.expectedNext(), at.lastSeen(), Latency.text(at.waited()),
                at.overdue() ? "overdue: longer than that hop's p95" : "within that hop's p95: may still be on its way");
    }

    /** One JSON object: what was asked, the trace, the events with their hop latency, and the stop. */
    String json() {
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("query", asked);
            writeOptional(json, "traceId", chain.traceId());
            json.writeNumberField("spanMs", chain.span().toMillis());
            json.writeArrayFieldStart("events");
            ChainEvent before = null;
            for (ChainEvent event : chain.events()) {
                json.writeStartObject();
                json.writeStringField("time", event.timestamp().toString());
                json.writeStringField("destination", event.destination());
                json.writeNumberField("partition", event.partition());
                json.writeNumberField("offset", event.offset());
                writeOptional(json, "traceId", event.traceId());
                if (before == null) {
                    json.writeNullField("hopMs"); // the first event has no hop before it
                } else {
                    json.writeNumberField("hopMs", Duration.between(before.timestamp(), event.timestamp()).toMillis());
                }
                json.writeBooleanField("deadLetter", event.deadLetter());
                if (event.reason().isPresent()) {
                    json.writeObjectFieldStart("reason");
                    json.writeStringField("exception", event.reason().get().exception());
                    json.writeStringField("cause", event.reason().get().cause());
                    json.writeEndObject();
                } else {
                    json.writeNullField("reason");
                }
                json.writeEndObject();
                before = event;
            }
            json.writeEndArray();
            if (stop.isPresent()) {
                StopPoint at = stop.get();
                json.writeObjectFieldStart("stop");
                json.writeStringField("stoppedAt", at.stoppedAt());
                json.writeStringField("expectedNext", at.expectedNext());
                json.writeNumberField("shareThatContinue", at.shareThatContinue());
                json.writeStringField("lastSeen", at.lastSeen().toString());
                json.writeNumberField("waitedMs", at.waited().toMillis());
                json.writeBooleanField("overdue", at.overdue());
                json.writeEndObject();
            } else {
                json.writeNullField("stop");
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; the generator's signature says it may
        }
        return text.toString();
    }

    private static void writeOptional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        } else {
            json.writeNullField(name);
        }
    }

    /** The cause underneath the framework's wrapper says more; both when there are both. */
    private static String reason(DeadLetterReason reason) {
        return reason.cause().isEmpty() ? reason.exception() : reason.cause() + " (in " + reason.exception() + ")";
    }
}
