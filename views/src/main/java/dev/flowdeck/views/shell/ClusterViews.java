package dev.flowdeck.views.shell;

import dev.flowdeck.views.browser.BrowserFactory;
import dev.flowdeck.views.browser.SchemaFactory;
import dev.flowdeck.views.deadletter.DeadLetterFactory;
import dev.flowdeck.views.mask.MaskingFactory;
import dev.flowdeck.views.replay.ReplayFactory;
import dev.flowdeck.views.trace.TraceFactory;
import java.util.Objects;

/**
 * What the main window makes for a cluster when the operator first asks, each with the executors the app owns.
 *
 * @param browsers    a destination's browser
 * @param traces      a cluster's trace view model
 * @param deadLetters a cluster's dead-letter inbox
 * @param replays     a cluster's replay service, shared by its inbox and its browsers
 * @param masking     a cluster profile's masking for its browsers and inbox (hash key, audit log for reveals)
 * @param schemas     a connection's schemas for its browsers: Decode as, the Schema tab's versions, produce
 */
public record ClusterViews(BrowserFactory browsers, TraceFactory traces, DeadLetterFactory deadLetters,
                           ReplayFactory replays, MaskingFactory masking, SchemaFactory schemas) {

    /** No schemas beyond what the connection reads by itself. */
    public ClusterViews(BrowserFactory browsers, TraceFactory traces, DeadLetterFactory deadLetters,
                        ReplayFactory replays, MaskingFactory masking) {
        this(browsers, traces, deadLetters, replays, masking, SchemaFactory.NONE);
    }

    /** Each profile's rules with a key for the session, and no reveals: where nothing wires a secret store. */
    public ClusterViews(BrowserFactory browsers, TraceFactory traces, DeadLetterFactory deadLetters,
                        ReplayFactory replays) {
        this(browsers, traces, deadLetters, replays, MaskingFactory.SESSION_ONLY);
    }

    public ClusterViews {
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(browsers, "browsers");
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(replays, "replays");
    }
}
