package dev.flowdeck.core.deadletter;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads a browsed message as a {@link DeadLetter}, whichever convention wrote it (the header names are those of
 * {@code DLQ-CONVENTIONS.md}). The first convention whose marker header the message carries reads it:
 *
 * <ol>
 *   <li>the profile's {@link HeaderMapping}, when one of its headers is there: the operator set it for this
 *       cluster, so it wins over a framework's headers the same messages may also carry;</li>
 *   <li>Spring Kafka: {@code kafka_dlt-original-topic} or {@code kafka_dlt-exception-fqcn};</li>
 *   <li>Spring Kafka forwarding to a non-DLT topic: {@code kafka_original-topic} or {@code kafka_exception-fqcn};</li>
 *   <li>Kafka Connect: {@code __connect.errors.topic};</li>
 *   <li>RabbitMQ: {@code x-death}, {@code x-opt-deaths} or {@code x-first-death-queue}; Spring Cloud Stream's
 *       Rabbit binder adds {@code x-exception-*} and {@code x-original-exchange/routingKey}, read here too;</li>
 *   <li>Spring Cloud Stream's Kafka binder: {@code x-original-topic} or {@code x-exception-fqcn} (after RabbitMQ,
 *       since the Rabbit binder shares the {@code x-exception-*} names);</li>
 *   <li>Karafka: {@code original_topic}.</li>
 * </ol>
 *
 * Anything else is {@link Convention#NONE}: no origin, an unknown failure, and a note. Nothing here throws on what
 * a header holds: what cannot be read is a note on the dead letter and an empty field. Stateless and thread-safe.
 */
public final class DeadLetterDecoder {

    private static final String SPRING_WRAPPER_PREFIX = "Listener failed; ";
    /** A stack trace's first line starts with the exception's class: {@code com.acme.Failed: message}. */
    private static final Pattern THROWN_CLASS = Pattern.compile("^\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+)(?::|\\s*$)");

    private final HeaderMapping mapping;

    public DeadLetterDecoder(HeaderMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** A decoder of the framework conventions only. */
    public static DeadLetterDecoder standard() {
        return new DeadLetterDecoder(HeaderMapping.NONE);
    }

    /** A decoder that also reads the home-grown convention the profile's properties map. */
    public static DeadLetterDecoder forProfile(ConnectionProfile profile) {
        return new DeadLetterDecoder(HeaderMapping.fromProperties(profile.clientProperties()));
    }

    public DeadLetter decode(BrowsedMessage message) {
        HeaderReading headers = new HeaderReading(message);
        var at = new DeadLetter.Coordinates(message.destination(), message.partition(), message.offset());
        try {
            return read(headers, at);
        } catch (RuntimeException unforeseen) {
            // A bug here must not end a scan of a million dead letters: this one is shown unread, with the reason.
            headers.note("could not be read: " + unforeseen);
            return new DeadLetter(at, Optional.empty(), Failure.UNKNOWN, DeadLetterTimes.UNKNOWN, Convention.NONE,
                    headers.notes());
        }
    }

    private DeadLetter read(HeaderReading headers, DeadLetter.Coordinates at) {
        if (!mapping.isEmpty() && mapping.headers().values().stream().anyMatch(headers::has)) {
            return custom(headers, at);
        }
        if (headers.has("kafka_dlt-original-topic") || headers.has("kafka_dlt-exception-fqcn")
                || headers.has("kafka_dlt-key-exception-fqcn")) {
            return springKafka(headers, at, "kafka_dlt-", Convention.SPRING_KAFKA);
        }
        if (headers.has("kafka_original-topic") || headers.has("kafka_exception-fqcn")) {
            return springKafka(headers, at, "kafka_", Convention.SPRING_KAFKA_FORWARDED);
        }
        if (headers.has("__connect.errors.topic")) {
            return kafkaConnect(headers, at);
        }
        if (headers.has("x-death") || headers.has("x-opt-deaths") || headers.has("x-first-death-queue")) {
            return rabbit(headers, at);
        }
        if (headers.has("x-original-topic") || headers.has("x-exception-fqcn")) {
            return springCloudStream(headers, at);
        }
        if (headers.has("original_topic")) {
            return karafka(headers, at);
        }
        headers.note("no dead-letter convention's headers found");
        return new DeadLetter(at, Optional.empty(), Failure.UNKNOWN, writtenAt(headers), Convention.NONE,
                headers.notes());
    }

    private static DeadLetter springKafka(HeaderReading headers, DeadLetter.Coordinates at, String prefix,
                                          Convention convention) {
        Optional<Origin> origin = kafkaOrigin(headers, headers.text(prefix + "original-topic"),
                headers.partition(prefix + "original-partition"), headers.offset(prefix + "original-offset"),
                headers.time(prefix + "original-timestamp"), headers.text(prefix + "original-consumer-group"));
        Optional<String> wrapper = headers.text(prefix + "exception-fqcn");
        Failure failure;
        if (wrapper.isEmpty() && headers.has(prefix + "key-exception-fqcn")) {
            headers.note("the key could not be deserialized: the failure is the key's");
            failure = failure(headers, headers.text(prefix + "key-exception-fqcn"),
                    headers.text(prefix + "key-exception-message"), headers.text(prefix + "key-exception-stacktrace"),
                    Optional.empty(), headers.offset("retry_topic-attempts"));
        } else {
            Optional<String> thrown = headers.text(prefix + "exception-cause-fqcn").or(() -> wrapper);
            failure = failure(headers, thrown,
                    headers.text(prefix + "exception-message").map(text -> unwrapSpring(text, thrown)),
                    headers.text(prefix + "exception-stacktrace"), Optional.empty(),
                    headers.offset("retry_topic-attempts"));
        }
        return new DeadLetter(at, origin, failure, writtenAt(headers), convention, headers.notes());
    }

    /**
     * Spring's listener wrapper says {@code Listener failed; com.acme.Failed: the message}: the message that says
     * what failed is what follows the class.
     */
    static String unwrapSpring(String message, Optional<String> thrown) {
        String unwrapped = message.startsWith(SPRING_WRAPPER_PREFIX)
                ? message.substring(SPRING_WRAPPER_PREFIX.length()) : message;
        if (thrown.isPresent() && unwrapped.startsWith(thrown.get() + ": ")) {
            unwrapped = unwrapped.substring(thrown.get().length() + 2);
        }
        return unwrapped;
    }

    private static DeadLetter kafkaConnect(HeaderReading headers, DeadLetter.Coordinates at) {
        // Connect keeps the original record's timestamp on the dead letter: it is the origin's, not the failure's.
        Optional<Instant> original = Optional.ofNullable(headers.message().timestamp());
        Optional<Origin> origin = kafkaOrigin(headers, headers.text("__connect.errors.topic"),
                headers.partition("__connect.errors.partition"), headers.offset("__connect.errors.offset"),
                original, Optional.empty());
        Optional<String> stage = headers.text("__connect.errors.stage");
        Optional<String> connector = headers.text("__connect.errors.connector.name");
        Optional<String> reason = stage.map(text -> connector.map(name -> text + " in " + name).orElse(text));
        var failure = failure(headers, headers.text("__connect.errors.exception.class.name"),
                headers.text("__connect.errors.exception.message"),
                headers.text("__connect.errors.exception.stacktrace"), reason, OptionalLong.empty());
        return new DeadLetter(at, origin, failure, DeadLetterTimes.UNKNOWN, Convention.KAFKA_CONNECT,
                headers.notes());
    }

    private static DeadLetter springCloudStream(HeaderReading headers, DeadLetter.Coordinates at) {
        Optional<Origin> origin = kafkaOrigin(headers, headers.text("x-original-topic"),
                headers.partition("x-original-partition"), headers.offset("x-original-offset"),
                headers.time("x-original-timestamp"), Optional.empty());
        var failure = failure(headers, headers.text("x-exception-fqcn"), headers.text("x-exception-message"),
                headers.text("x-exception-stacktrace"), Optional.empty(), OptionalLong.empty());
        return new DeadLetter(at, origin, failure, writtenAt(headers), Convention.SPRING_CLOUD_STREAM,
                headers.notes());
    }

    private static DeadLetter karafka(HeaderReading headers, DeadLetter.Coordinates at) {
        Optional<Origin> origin = kafkaOrigin(headers, headers.text("original_topic"),
                headers.partition("original_partition"), headers.offset("original_offset"), Optional.empty(),
                headers.text("original_consumer_group"));
        headers.note("Karafka does not record why a message failed");
        return new DeadLetter(at, origin, Failure.UNKNOWN, writtenAt(headers), Convention.KARAFKA, headers.notes());
    }

    private static DeadLetter rabbit(HeaderReading headers, DeadLetter.Coordinates at) {
        List<RabbitDeaths.Death> deaths = headers.has("x-death") ? RabbitDeaths.read(headers, "x-death")
                : RabbitDeaths.read(headers, "x-opt-deaths");
        // The first death is where the message was consumed; later entries are the hops of retries.
        Optional<String> firstQueue = headers.text("x-first-death-queue")
                .or(() -> deaths.isEmpty() ? Optional.empty() : Optional.of(deaths.getLast().queue()));
        Optional<RabbitDeaths.Death> first = firstQueue.flatMap(queue -> deaths.reversed().stream()
                .filter(death -> death.queue().equals(queue)).findFirst());
        Optional<String> exchange = headers.text("x-original-exchange")
                .or(() -> headers.message().lastHeader("x-first-death-exchange").isPresent()
                        ? Optional.of(headers.text("x-first-death-exchange").orElse("")) : Optional.empty())
                .or(() -> first.flatMap(RabbitDeaths.Death::exchange));
        List<String> routingKeys = headers.text("x-original-routingKey").map(List::of)
                .orElseGet(() -> first.map(RabbitDeaths.Death::routingKeys).orElse(List.of()));
        Optional<Origin> origin = Optional.empty();
        if (firstQueue.isPresent() || exchange.isPresent()) {
            origin = Optional.of(new RabbitOrigin(exchange.orElse(""), routingKeys, firstQueue.orElse("")));
        } else {
            headers.note("no header names the queue the message was dead-lettered from");
        }
        Optional<String> reason = headers.text("x-last-death-reason")
                .or(() -> deaths.isEmpty() ? Optional.empty() : Optional.of(deaths.getFirst().reason()))
                .filter(text -> !text.isBlank());
        OptionalLong count = totalCount(deaths);
        var failure = failure(headers, headers.text("x-exception-fqcn"), headers.text("x-exception-message"),
                headers.text("x-exception-stacktrace"), reason, count);
        Optional<Instant> firstDeath = deaths.stream().flatMap(death -> death.firstTime().stream())
                .min(Comparator.naturalOrder());
        Optional<Instant> lastDeath = deaths.stream()
                .flatMap(death -> death.lastTime().or(death::firstTime).stream()).max(Comparator.naturalOrder());
        var times = new DeadLetterTimes(lastDeath, firstDeath, lastDeath);
        return new DeadLetter(at, origin, failure, times, Convention.RABBITMQ, headers.notes());
    }

    /** How often the message died in all: the counts of every queue and reason summed. */
    private static OptionalLong totalCount(List<RabbitDeaths.Death> deaths) {
        long total = 0;
        boolean any = false;
        for (RabbitDeaths.Death death : deaths) {
            if (death.count().isPresent()) {
                any = true;
                long sum = total + death.count().getAsLong();
                total = sum < total ? Long.MAX_VALUE : sum; // counts come from outside: saturate, never wrap
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private DeadLetter custom(HeaderReading headers, DeadLetter.Coordinates at) {
        Optional<String> where = text(headers, HeaderMapping.Field.ORIGIN);
        Optional<String> exchange = text(headers, HeaderMapping.Field.ORIGIN_EXCHANGE);
        Optional<String> routingKey = text(headers, HeaderMapping.Field.ORIGIN_ROUTING_KEY);
        Optional<Origin> origin;
        if (exchange.isPresent() || routingKey.isPresent()) {
            origin = Optional.of(new RabbitOrigin(exchange.orElse(""), routingKey.map(List::of).orElse(List.of()),
                    where.orElse("")));
        } else {
            origin = kafkaOrigin(headers, where,
                    mapping.header(HeaderMapping.Field.ORIGIN_PARTITION).map(headers::partition)
                            .orElse(OptionalInt.empty()),
                    mapping.header(HeaderMapping.Field.ORIGIN_OFFSET).map(headers::offset)
                            .orElse(OptionalLong.empty()),
                    mapping.header(HeaderMapping.Field.ORIGIN_TIMESTAMP).flatMap(headers::time),
                    text(headers, HeaderMapping.Field.CONSUMER_GROUP));
        }
        var failure = failure(headers, text(headers, HeaderMapping.Field.EXCEPTION_CLASS),
                text(headers, HeaderMapping.Field.EXCEPTION_MESSAGE), text(headers, HeaderMapping.Field.STACK_TRACE),
                text(headers, HeaderMapping.Field.REASON),
                mapping.header(HeaderMapping.Field.COUNT).map(headers::offset).orElse(OptionalLong.empty()));
        Optional<Instant> failedAt = mapping.header(HeaderMapping.Field.FAILED_AT).flatMap(headers::time);
        DeadLetterTimes times = failedAt.isPresent()
                ? new DeadLetterTimes(failedAt, Optional.empty(), Optional.empty()) : writtenAt(headers);
        return new DeadLetter(at, origin, failure, times, Convention.CUSTOM, headers.notes());
    }

    private Optional<String> text(HeaderReading headers, HeaderMapping.Field field) {
        return mapping.header(field).flatMap(headers::text);
    }

    private static Optional<Origin> kafkaOrigin(HeaderReading headers, Optional<String> topic, OptionalInt partition,
                                                OptionalLong offset, Optional<Instant> timestamp,
                                                Optional<String> group) {
        if (topic.isEmpty()) {
            headers.note("no header names the topic the record was consumed from");
            return Optional.empty();
        }
        return Optional.of(new KafkaOrigin(topic.get(), partition, offset, timestamp, group,
                headers.message().key()));
    }

    /**
     * A failure; where no header names the exception class but a stack trace is there, its first line does (the
     * Rabbit binder writes no class header).
     */
    private static Failure failure(HeaderReading headers, Optional<String> thrown, Optional<String> message,
                                   Optional<String> stackTrace, Optional<String> reason, OptionalLong count) {
        Optional<String> exceptionClass = thrown;
        if (exceptionClass.isEmpty() && stackTrace.isPresent()) {
            var matcher = THROWN_CLASS.matcher(firstLine(stackTrace.get()));
            if (matcher.find()) {
                exceptionClass = Optional.of(matcher.group(1));
                headers.note("the exception class was read from the stack trace's first line");
            }
        }
        return new Failure(exceptionClass, message, stackTrace, reason, count);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 1_000 ? line.substring(0, 1_000) : line;
    }

    /** Most frameworks write the dead letter when the failure happens: its own timestamp is the failure's. */
    private static DeadLetterTimes writtenAt(HeaderReading headers) {
        return new DeadLetterTimes(Optional.ofNullable(headers.message().timestamp()), Optional.empty(),
                Optional.empty());
    }
}
