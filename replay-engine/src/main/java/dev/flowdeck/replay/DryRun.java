package dev.flowdeck.replay;

import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exactly what a plan would send, per event, as a difference against its dead letter, and to where; sends nothing.
 * Read from the plan alone, so the reviewer of a saved plan sees what its author saw. Header values are shown as the
 * profile's masking lets a person see them (decision 0022): a header a rule masks, hashes or removes shows as
 * {@value Masking#MASKED} or its hash (a removed one is still listed, so the reviewer knows it changes), and free
 * text has its PII patterns masked when the profile asks for that. Whether a header changed is judged on its raw
 * bytes.
 */
public final class DryRun {

    /** One header's change; {@code before} or {@code after} is null when the header was added or removed. */
    public record HeaderChange(String name, String before, String after) {
    }

    /**
     * One event as it would go.
     *
     * @param to             the target in words
     * @param headerChanges  added, removed and changed headers, by name
     * @param keyChanged     the key (Kafka) or routing key (RabbitMQ) sent differs from the dead letter's key
     * @param payloadChanged the value sent differs from the dead letter's
     */
    public record EventPreview(String key, String to, List<HeaderChange> headerChanges, boolean keyChanged,
                               boolean payloadChanged, int payloadBytesBefore, int payloadBytesAfter) {

        public EventPreview {
            headerChanges = List.copyOf(headerChanges);
        }
    }

    /** @param perTarget events to send by target, in words */
    public record Totals(int toSend, int held, int payloadsChanged, Map<String, Integer> perTarget) {

        public Totals {
            perTarget = Map.copyOf(perTarget);
        }
    }

    private final List<EventPreview> events;
    private final List<HeldEvent> held;
    private final Totals totals;
    /** Events whose message carries trace headers, which a traced send replaces (replay-connect's publisher). */
    private final int traced;

    private final Masking masking;

    private DryRun(List<EventPreview> events, List<HeldEvent> held, Totals totals, int traced, Masking masking) {
        this.masking = masking;
        this.events = events;
        this.held = held;
        this.totals = totals;
        this.traced = traced;
    }

    /** @param masking the profile's masking ({@link Masking#NONE} where it has none) */
    public static DryRun of(ReplayPlan plan, Masking masking) {
        List<EventPreview> events = new ArrayList<>();
        Map<String, Integer> perTarget = new TreeMap<>();
        int payloadsChanged = 0;
        for (PlannedEvent event : plan.events()) {
            boolean payloadChanged = !Arrays.equals(event.deadLetter().value(), event.message().value());
            payloadsChanged += payloadChanged ? 1 : 0;
            events.add(new EventPreview(event.key(), event.target().describe(),
                    changes(event.deadLetter().headers(), event.message().headers(), masking),
                    !Arrays.equals(event.deadLetter().key(), event.message().key()), payloadChanged,
                    length(event.deadLetter().value()), length(event.message().value())));
            perTarget.merge(event.target().describe(), 1, Integer::sum);
        }
        int traced = (int) plan.events().stream().filter(event -> event.message().headers().stream()
                .anyMatch(header -> TraceContext.ID_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))))
                .count();
        return new DryRun(List.copyOf(events), plan.held(), new Totals(plan.events().size(), plan.held().size(),
                payloadsChanged, perTarget), traced, masking);
    }

    public List<EventPreview> events() {
        return events;
    }

    public Totals totals() {
        return totals;
    }

    /** The preview as the operator reads it in a dialog or a terminal. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (EventPreview event : events) {
            text.append(event.key()).append(" → ").append(event.to()).append('\n');
            for (HeaderChange change : event.headerChanges()) {
                if (change.before() == null) {
                    text.append("  + header ").append(change.name()).append(": ").append(change.after());
                } else if (change.after() == null) {
                    text.append("  - header ").append(change.name()).append(": ").append(change.before());
                } else {
                    text.append("  ~ header ").append(change.name()).append(": ").append(change.before())
                            .append(" → ").append(change.after());
                }
                text.append('\n');
            }
            if (event.keyChanged()) {
                text.append("  ~ key\n");
            }
            text.append(event.payloadChanged() ? "  ~ payload (" + event.payloadBytesBefore() + " → "
                    + event.payloadBytesAfter() + " bytes)\n" : "  = payload unchanged\n");
        }
        for (HeldEvent event : held) {
            // A reason may quote the value a transform could not read.
            text.append(event.key()).append(" not sent: ").append(masking.text(event.reason())).append('\n');
        }
        text.append(totals.toSend()).append(" to send, ").append(totals.held()).append(" held back, ")
                .append(totals.payloadsChanged()).append(" with a changed payload");
        totals.perTarget().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(target ->
                text.append("\n  ").append(target.getValue()).append(" to ").append(target.getKey()));
        if (traced > 0) {
            text.append("\n").append(traced).append(traced == 1 ? " event carries" : " events carry")
                    .append(" a trace context: with Flowdeck's telemetry on, its traceparent is renewed at send time ")
                    .append("(a new span that links to the original trace)");
        }
        return text.append('\n').toString();
    }

    /** By name, the last value of each (a repeated name is read as its last, as Kafka's lastHeader does). */
    private static List<HeaderChange> changes(List<MessageHeader> before, List<MessageHeader> after,
                                              Masking masking) {
        Map<String, byte[]> was = last(before);
        Map<String, byte[]> is = last(after);
        List<HeaderChange> changes = new ArrayList<>();
        was.forEach((name, value) -> {
            if (!is.containsKey(name)) {
                changes.add(new HeaderChange(name, shown(masking, name, value), null));
            } else if (!Arrays.equals(is.get(name), value)) {
                changes.add(new HeaderChange(name, shown(masking, name, value), shown(masking, name, is.get(name))));
            }
        });
        is.forEach((name, value) -> {
            if (!was.containsKey(name)) {
                changes.add(new HeaderChange(name, null, shown(masking, name, value)));
            }
        });
        return changes;
    }

    private static Map<String, byte[]> last(List<MessageHeader> headers) {
        Map<String, byte[]> last = new LinkedHashMap<>();
        headers.forEach(header -> last.put(header.name(), header.value()));
        return last;
    }

    /** What a person may read of one header value: a removed header shows as masked, since its change is listed. */
    private static String shown(Masking masking, String name, byte[] value) {
        return masking.header(name, value, shown(value)).orElse(Masking.MASKED);
    }

    /** A header value in words: text as it is (cut at 80 chars), anything else as its size. */
    private static String shown(byte[] value) {
        if (value == null) {
            return "(null)";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        boolean readable = text.chars().noneMatch(c -> c == 0xFFFD || Character.isISOControl(c));
        if (!readable) {
            return "(" + value.length + " bytes)";
        }
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
