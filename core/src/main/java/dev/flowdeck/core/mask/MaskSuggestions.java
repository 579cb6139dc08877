package dev.flowdeck.core.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.JsonLimits;
import dev.flowdeck.core.decode.Utf8;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules proposed from a sample of messages: every JSON field whose value is a card number (Luhn-checked), an e-mail
 * address or an IBAN (mod 97), and every header holding one. Array indexes become {@code [*]}, so one rule covers
 * every element. Card numbers and IBANs are proposed masked, e-mail addresses hashed (they are how events are
 * correlated by customer). Rules the profile already has are not proposed again.
 */
public final class MaskSuggestions {

    /**
     * A proposed rule, why, and in how many of the sampled messages it was seen.
     */
    public record Suggestion(MaskRule rule, PiiPatterns.Kind kind, int seen) {
        /** "$.card.number mask: card numbers in 12 of the sampled messages". */
        public String spoken() {
            return rule.line() + ": " + kind.spoken() + " in " + seen + (seen == 1 ? " message" : " messages");
        }
    }

    private static final ObjectMapper JSON = JsonLimits.newMapper();
    /** Nodes looked at per message: a sample is for finding fields, not for reading 10 MB documents whole. */
    private static final int MAX_NODES = 10_000;

    private MaskSuggestions() {
    }

    /** The proposals for {@code sample}, most often seen first, leaving out rules already in {@code existing}. */
    public static List<Suggestion> from(List<BrowsedMessage> sample, List<MaskRule> existing) {
        Map<String, Counted> found = new LinkedHashMap<>();
        Set<String> have = new HashSet<>();
        existing.forEach(rule -> have.add(covered(rule)));
        for (BrowsedMessage message : sample) {
            Map<String, Counted> inThis = new LinkedHashMap<>();
            for (MessageHeader header : message.headers()) {
                String text = Utf8.decodeOrNull(header.value());
                if (text != null) {
                    PiiPatterns.whole(text).ifPresent(kind -> inThis.putIfAbsent("h:" + header.name(),
                            new Counted(MaskRule.header(header.name(), actionFor(kind)), kind)));
                }
            }
            fields(message.readableValue(), inThis); // an Avro value is searched as its JSON
            inThis.forEach((id, counted) -> found.merge(id, counted, (a, b) -> a.plusOne()));
        }
        return found.values().stream()
                .filter(counted -> !have.contains(covered(counted.rule)))
                .sorted((a, b) -> Integer.compare(b.seen, a.seen))
                .map(counted -> new Suggestion(counted.rule, counted.kind, counted.seen))
                .toList();
    }

    /** A rule's identity for "already there": header names in any case, paths as written. */
    private static String covered(MaskRule rule) {
        return rule.target() + " " + (rule.target() == MaskRule.Target.HEADER
                ? rule.name().toLowerCase(Locale.ROOT) : rule.name());
    }

    private record Counted(MaskRule rule, PiiPatterns.Kind kind, int seen) {
        Counted(MaskRule rule, PiiPatterns.Kind kind) {
            this(rule, kind, 1);
        }

        Counted plusOne() {
            return new Counted(rule, kind, seen + 1);
        }
    }

    private static MaskAction actionFor(PiiPatterns.Kind kind) {
        return kind == PiiPatterns.Kind.EMAIL ? MaskAction.HASH : MaskAction.MASK;
    }

    private record At(JsonNode node, String path) {
    }

    private static void fields(byte[] value, Map<String, Counted> inThis) {
        if (value == null || value.length == 0 || (value[0] != '{' && value[0] != '[')) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (java.io.IOException | RuntimeException notJson) {
            return; // a sample's odd message proposes nothing
        }
        Deque<At> todo = new ArrayDeque<>();
        todo.push(new At(root, "$"));
        int nodes = 0;
        while (!todo.isEmpty() && nodes++ < MAX_NODES) {
            At at = todo.pop();
            JsonNode node = at.node();
            if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
                node.properties().forEach(children::add);
                for (int i = children.size() - 1; i >= 0; i--) {
                    var child = children.get(i);
                    // "$" + ".name" or "['odd name']": the field's step as MaskedField writes it
                    todo.push(new At(child.getValue(),
                            at.path() + MaskedField.pathOf(List.of(child.getKey())).substring(1)));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    todo.push(new At(node.get(i), at.path() + "[*]"));
                }
            } else if (node.isTextual() || node.isIntegralNumber()) {
                String text = node.isTextual() ? node.textValue() : node.asText();
                PiiPatterns.whole(text).ifPresent(kind -> inThis.putIfAbsent("v:" + at.path(),
                        new Counted(MaskRule.field(at.path(), actionFor(kind)), kind)));
            }
        }
    }
}
