package dev.flowdeck.cli;

import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.trace.CorrelationKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What {@code trace} and {@code flow} index: which topics or queues, over which time, joined by which keys. */
final class IndexOptions {

    /** An incident is usually recent, and an hour of five busy topics fits the index's default capacity. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    @Option(names = {"-t", "--topics"}, split = ",", paramLabel = "NAME",
            description = "The topics or queues a transaction passes through, e.g. orders,payments,shipping. "
                    + "Default: every topic or queue that is not internal (__*, amq.*).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", converter = PositionOptions.TimeConverter.class,
            description = "Index messages from TIME on: an instant (2026-05-01T09:30:00Z) or an age (15m, 2h, 3d). "
                    + "Default: 1h.")
    TimeExpression since;

    @Option(names = "--until", paramLabel = "TIME", converter = PositionOptions.TimeConverter.class,
            description = "Index messages up to TIME (same forms as --since). Default: what each holds when read.")
    TimeExpression until;

    @Option(names = "--key-field", paramLabel = "PATH",
            description = "A JSON payload field that ties untraced events together, e.g. $.orderId (repeatable).")
    List<String> keyFields = new ArrayList<>();

    @Option(names = "--key-header", paramLabel = "NAME",
            description = "A header that ties untraced events together, e.g. correlation-id (repeatable). Without "
                    + "--key-field or --key-header: the headers correlation-id and correlationId and RabbitMQ's "
                    + "correlation_id.")
    List<String> keyHeaders = new ArrayList<>();

    /** The window in time, read once on {@code clock}. */
    Window window(Clock clock) {
        Instant now = clock.instant();
        Clock once = Clock.fixed(now, clock.getZone());
        Instant from = since == null ? now.minus(DEFAULT_WINDOW) : since.resolve(once);
        Optional<Instant> to = Optional.ofNullable(until).map(expression -> expression.resolve(once));
        if (to.isPresent() && !from.isBefore(to.get())) {
            throw new UsageException("--since " + from + " is not before --until " + to.get()
                    + ": the window is empty.");
        }
        return new Window(from, to);
    }

    /**
     * The keys asked for; else those a new profile starts with (profiles do not yet keep keys of their own).
     *
     * @throws UsageException for a field path that is not one
     */
    CorrelationKeys correlationKeys() {
        if (keyFields.isEmpty() && keyHeaders.isEmpty()) {
            return CorrelationKeys.DEFAULTS;
        }
        List<String> fields = keyFields.stream().map(String::strip)
                .map(field -> field.startsWith("$") ? field : "$." + field).toList();
        try {
            fields.forEach(CorrelationKeys::parse); // says which path is not one, in words
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key-field " + e.getMessage() + ".");
        }
        List<String> headers = keyHeaders.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
        return new CorrelationKeys(headers, List.of(), fields);
    }

    /** --since and --until resolved. */
    record Window(Instant from, Optional<Instant> until) {
    }
}
