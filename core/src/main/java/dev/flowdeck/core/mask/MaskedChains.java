package dev.flowdeck.core.mask;

import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.DeadLetterReason;
import dev.flowdeck.core.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A traced chain as a person may read it (the trace views, {@code flowdeck trace}): what its events show that came
 * from headers, masked by the header rules that name those headers. The index itself, like a filter, reads the raw
 * headers (decision 0022): a chain is found by its real trace id, and shown with it masked or hashed when a rule
 * names a trace header.
 *
 * <ul>
 *   <li>The trace id comes from {@code traceparent}, {@code b3} or {@code X-B3-TraceId}: a rule on any of them is
 *       applied to it (a hash is of the id's text, so one trace hashes alike in every chain). A removed trace id
 *       shows as {@value Masking#MASKED}: the chain still says that it was traced.</li>
 *   <li>A dead letter's reason comes from Spring's {@code kafka_dlt-exception-fqcn} and
 *       {@code kafka_dlt-exception-cause-fqcn}, or RabbitMQ's {@code x-death}: rules on those are applied to it,
 *       and the PII patterns when the profile asks for them.</li>
 * </ul>
 * Coordinates, times and destinations are never masked: they are what opens the event in the browser, masked there.
 */
public final class MaskedChains {

    private static final String SPRING_EXCEPTION = "kafka_dlt-exception-fqcn";
    private static final String SPRING_CAUSE = "kafka_dlt-exception-cause-fqcn";
    private static final String X_DEATH = "x-death";

    private MaskedChains() {
    }

    public static Chain apply(Masking masking, Chain chain) {
        if (!masking.active()) {
            return chain;
        }
        return new Chain(chain.events().stream().map(event -> apply(masking, event)).toList());
    }

    public static ChainEvent apply(Masking masking, ChainEvent event) {
        if (!masking.active()) {
            return event;
        }
        return new ChainEvent(event.destination(), event.partition(), event.offset(), event.timestamp(),
                event.traceId().map(id -> traceId(masking, id)), event.deadLetter(),
                event.reason().map(reason -> reason(masking, reason)));
    }

    private static String traceId(Masking masking, String id) {
        for (String header : TraceContext.ID_HEADERS) {
            if (masking.namesHeader(header)) {
                return shown(masking, header, id);
            }
        }
        return id;
    }

    private static DeadLetterReason reason(Masking masking, DeadLetterReason reason) {
        // Without a cause it may be RabbitMQ's x-death reason; a rule on either header hides it.
        String exceptionHeader = masking.namesHeader(SPRING_EXCEPTION) || !reason.cause().isEmpty()
                ? SPRING_EXCEPTION : X_DEATH;
        String cause = reason.cause().isEmpty() ? "" : shown(masking, SPRING_CAUSE, reason.cause());
        return new DeadLetterReason(shown(masking, exceptionHeader, reason.exception()), cause);
    }

    private static String shown(Masking masking, String header, String text) {
        return masking.header(header, text.getBytes(StandardCharsets.UTF_8), text).orElse(Masking.MASKED);
    }
}
