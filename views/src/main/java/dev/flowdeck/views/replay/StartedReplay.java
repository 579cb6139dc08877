package dev.flowdeck.views.replay;

import dev.flowdeck.replay.ReplayReport;
import java.util.concurrent.CompletionStage;

/** A replay under way: its controls and its end. Each control may be called from any thread. */
public interface StartedReplay {

    void pause();

    void resume();

    /** Stops sending; sends already out finish and are journaled, so a resume later sends only the rest. */
    void cancel();

    /** The report once the run ended; fails only when the run could not start at all (a sentence says why). */
    CompletionStage<ReplayReport> finished();
}
