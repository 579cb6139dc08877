package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprints a trace index keeps of a message's correlation keys ({@link CorrelationKeys.Reader#fingerprints},
 * which reads byte ranges rather than the values {@code valuesOf} reads), for tests outside this package that compare
 * two ways of reading the same message: each key as {@code high:low}, in the reader's order.
 */
public final class KeyFingerprints {

    private KeyFingerprints() {
    }

    public static List<String> of(CorrelationKeys.Reader reader, BrowsedMessage message) {
        var prints = new KeyPrints();
        prints.startMessage();
        reader.fingerprints(message, prints);
        List<String> keys = new ArrayList<>(prints.count());
        for (int key = 0; key < prints.count(); key++) {
            keys.add(Long.toHexString(prints.high(key)) + ":" + Long.toHexString(prints.low(key)));
        }
        return keys;
    }
}
