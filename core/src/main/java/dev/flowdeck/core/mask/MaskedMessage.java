package dev.flowdeck.core.mask;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.List;
import java.util.Objects;

/**
 * A message as it may be shown to a person: its masked copy, what was masked in it, and what the operator should
 * know about how far masking could go (a value that stops being JSON, a text value the rules cannot name).
 *
 * @param message the masked message: key, coordinates and properties as read; value and headers masked
 * @param masked  every value masked in it, in document order (headers first)
 * @param note    a sentence for the operator, empty when there is nothing to say
 */
public record MaskedMessage(BrowsedMessage message, List<MaskedField> masked, String note) {

    public MaskedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(note, "note");
        masked = List.copyOf(masked);
    }
}
