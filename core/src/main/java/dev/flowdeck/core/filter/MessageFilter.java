package dev.flowdeck.core.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A test a browsed message passes or fails, run where messages are read (a connector's thread), never on the FX
 * thread. Filters are data, not code: no filter can run a script, and the regular expressions are RE2's, which
 * match in linear time, so no pattern can hang a scan.
 */
public sealed interface MessageFilter {

    boolean test(MessageView message);

    /** Convenience for one message; a scan reuses one {@link MessageView} per message for all filters. */
    default boolean test(BrowsedMessage message) {
        return test(new MessageView(message));
    }

    /**
     * The one key every passing message must have, if the filter requires one (a key filter alone or among
     * all-of): what lets a Kafka browse read only the partition that key goes to.
     */
    static java.util.Optional<byte[]> requiredKey(MessageFilter filter) {
        return switch (filter) {
            case KeyEquals key -> java.util.Optional.of(key.key());
            case AllOf all -> all.filters().stream().map(MessageFilter::requiredKey)
                    .flatMap(java.util.Optional::stream).findFirst();
            default -> java.util.Optional.empty();
        };
    }

    /**
     * What a filter reads of a message's value, when that is only fields at their first occurrence: the field paths
     * of its JSONPath predicates ({@code $.amount}: {@code [amount]}), none for a filter that reads no value (key,
     * header, time). Empty when it needs the whole value: a text or regex search, a path with a wildcard, an index
     * or a deep scan. A value read through a schema then needs only those fields made into JSON
     * ({@link dev.flowdeck.core.decode.DecodedValue#fieldsJson}) for the filter to give the same answer.
     */
    static Optional<List<List<String>>> valuePaths(MessageFilter filter) {
        return switch (filter) {
            case AllOf all -> {
                List<List<String>> paths = new ArrayList<>();
                for (MessageFilter each : all.filters()) {
                    Optional<List<List<String>>> read = valuePaths(each);
                    if (read.isEmpty()) {
                        yield Optional.empty();
                    }
                    read.get().stream().filter(path -> !paths.contains(path)).forEach(paths::add);
                }
                yield Optional.of(List.copyOf(paths));
            }
            case Json json -> json.predicate().fieldPath().map(List::of);
            case KeyEquals key -> Optional.of(List.of());
            case HeaderMatches header -> Optional.of(List.of());
            case TimeRange time -> Optional.of(List.of());
            case TextContains text -> Optional.empty();
            case Regex regex -> Optional.empty();
        };
    }

    /** Everything passes. */
    MessageFilter ALL = new AllOf(List.of());

    /** Passes when every one of {@code filters} passes. */
    static MessageFilter allOf(List<MessageFilter> filters) {
        return filters.size() == 1 ? filters.getFirst() : new AllOf(filters);
    }

    record AllOf(List<MessageFilter> filters) implements MessageFilter {
        public AllOf {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean test(MessageView message) {
            for (MessageFilter filter : filters) {
                if (!filter.test(message)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The value (as UTF-8 text) contains this text; case-insensitive when asked. */
    record TextContains(String text, boolean ignoreCase) implements MessageFilter {
        public TextContains {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(MessageView message) {
            String value = message.valueText();
            if (value == null) {
                return false;
            }
            return ignoreCase
                    ? value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))
                    : value.contains(text);
        }
    }

    /**
     * Some part of the value (as UTF-8 text) matches an RE2 regular expression.
     *
     * @param pattern  the expression
     * @param literals strings of which every match contains one (see {@code RegexLiterals}), or none if that is not
     *                 known: a value containing none of them is passed over without running the expression
     */
    record Regex(Pattern pattern, List<String> literals, LiteralBytes prefilter) implements MessageFilter {

        /**
         * The prefilter searches the raw bytes for the literals' UTF-8 encodings, before decoding: most values of a
         * scan hold none, text that contains a literal is bytes that contain its encoding (UTF-8 encodes a string
         * piece by piece), and bytes that are not UTF-8 match nothing anyway. Derived from {@code literals}
         * whatever is passed.
         */
        public Regex {
            literals = List.copyOf(literals);
            prefilter = literals.isEmpty() ? null : new LiteralBytes(
                    literals.stream().map(literal -> literal.getBytes(StandardCharsets.UTF_8)).toList());
        }

        public Regex(Pattern pattern, List<String> literals) {
            this(pattern, literals, null);
        }

        /** With the literals this pattern's text says every match contains. */
        public Regex(Pattern pattern) {
            this(pattern, RegexLiterals.of(pattern));
        }

        /** @throws FilterException naming what is wrong with the expression */
        public static Regex of(String expression) {
            try {
                return new Regex(Pattern.compile(expression));
            } catch (PatternSyntaxException e) {
                throw new FilterException("The regular expression is not valid: " + e.getDescription()
                        + " (RE2 syntax: no look-arounds or back-references).", e);
            }
        }

        @Override
        public boolean test(MessageView message) {
            if (prefilter != null) {
                byte[] raw = message.message().readableValue();
                if (raw == null || !prefilter.foundIn(raw)) {
                    return false;
                }
            }
            String value = message.valueText();
            return value != null && pattern.matcher(value).find();
        }
    }

    /** The key's bytes equal these (a key typed as text is compared as UTF-8). */
    record KeyEquals(byte[] key) implements MessageFilter {
        public static KeyEquals text(String key) {
            return new KeyEquals(key.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean test(MessageView message) {
            return message.message().key() != null && Arrays.equals(message.message().key(), key);
        }
    }

    /**
     * A header of this name exists (its value may be null) and, if {@code value} is not null, its last occurrence
     * is that text in strict UTF-8 (bytes that are not UTF-8 equal no text, not even one of U+FFFD marks).
     */
    record HeaderMatches(String name, String value) implements MessageFilter {
        public HeaderMatches {
            Objects.requireNonNull(name, "name");
        }

        /**
         * Reads a header filter as an operator types it, the same in the window and on the command line:
         * {@code name} asks that the header exists, {@code name=value} that its last value is {@code value}. The
         * text before the first {@code =} is the name, without surrounding spaces; everything after it is the
         * value, as typed (it may be empty, or hold another {@code =}).
         *
         * @throws FilterException when the text is blank or there is no name before the {@code =}
         */
        public static HeaderMatches parse(String text) {
            String typed = text == null ? "" : text;
            int equals = typed.indexOf('=');
            String name = (equals < 0 ? typed : typed.substring(0, equals)).strip();
            if (name.isEmpty()) {
                throw new FilterException("A header filter needs a name: write NAME or NAME=VALUE, not '"
                        + typed + "'.", null);
            }
            return new HeaderMatches(name, equals < 0 ? null : typed.substring(equals + 1));
        }

        @Override
        public boolean test(MessageView message) {
            return message.message().lastHeader(name)
                    .map(header -> value == null || value.equals(Utf8.decodeOrNull(header.value())))
                    .orElse(false);
        }
    }

    /** The message's timestamp is in {@code [from, to)}; either bound may be null for open. */
    record TimeRange(Instant from, Instant to) implements MessageFilter {
        @Override
        public boolean test(MessageView message) {
            Instant time = message.message().timestamp();
            return time != null && (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
        }
    }

    /** A JSONPath predicate on the value, such as {@code $.amount > 100}: see {@link JsonPathPredicate}. */
    record Json(JsonPathPredicate predicate) implements MessageFilter {
        public static Json of(String expression) {
            return new Json(JsonPathPredicate.parse(expression));
        }

        @Override
        public boolean test(MessageView message) {
            return predicate.test(message);
        }
    }
}
