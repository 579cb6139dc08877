package dev.flowdeck.core.mask;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.deadletter.Failure;
import dev.flowdeck.core.deadletter.FailureFingerprint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cause of each dead-letter group, and each letter's failure, as a person may read them. Groups are made from
 * the raw headers (grouping, like a filter, reads what was read: decision 0022), so a group's fingerprint can quote
 * what its exception message quoted: an e-mail address outside quotes, a value a header rule masks. What is shown
 * is instead read again from the masked headers of the group's first letter: its exception-message header masked,
 * hashed or removed by the profile's header rules, and the PII patterns masked in its text when the profile asks.
 *
 * <p>{@link #see} is called on the scan's reading thread, {@link #of} on the UI's: thread-safe. One entry per group
 * (at most {@value #MOST}, as many as grouping keeps apart, and then some), each one line.
 */
public final class MaskedCauses {

    static final int MOST = 2_000;

    private final Masking masking;
    private final DeadLetterDecoder decoder;
    private final Map<String, String> shown = new ConcurrentHashMap<>();

    public MaskedCauses(Masking masking, DeadLetterDecoder decoder) {
        this.masking = masking;
        this.decoder = decoder;
    }

    /** Notes the shown cause of {@code letter}'s group the first time the group is met. */
    public void see(DeadLetterScan.Letter letter) {
        see(letter.groupId(), letter.message());
    }

    /** Notes the shown cause of group {@code groupId} from {@code raw}, one of its letters, if it has none yet. */
    public void see(String groupId, BrowsedMessage raw) {
        if (!masking.active() || shown.size() >= MOST || shown.containsKey(groupId)) {
            return;
        }
        shown.computeIfAbsent(groupId, id -> FailureFingerprint.of(failure(raw)).spoken());
    }

    /**
     * The group's cause as a person may read it. A group whose first letter was not seen (none should be) shows its
     * class alone while the profile has header rules: its message might be one of the values they name.
     */
    public String of(DeadLetterGroup group) {
        if (group.isOther()) {
            return "";
        }
        FailureFingerprint fingerprint = group.fingerprint();
        if (!masking.active()) {
            return fingerprint.spoken();
        }
        String seen = shown.get(group.id());
        if (seen != null) {
            return seen;
        }
        boolean headerRules = masking.settings().rules().stream()
                .anyMatch(rule -> rule.target() == MaskRule.Target.HEADER);
        return headerRules ? masking.text(fingerprint.exceptionClass())
                + (fingerprint.maskedMessage().isEmpty() ? "" : ": " + Masking.MASKED)
                : masking.text(fingerprint.spoken());
    }

    /** One letter's failure read from its masked headers (its value is not needed, so not masked). */
    public Failure failure(BrowsedMessage raw) {
        if (!masking.active()) {
            return decoder.decode(raw).failure();
        }
        var headersOnly = new BrowsedMessage(raw.destination(), raw.partition(), raw.offset(), raw.timestamp(),
                raw.key(), null, raw.headers(), raw.redelivered(), raw.properties());
        return decoder.decode(masking.apply(headersOnly).message()).failure();
    }
}
