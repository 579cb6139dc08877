package dev.flowdeck.replay;

import java.util.Optional;

/**
 * Which source events earlier replays already delivered, so replaying one again needs an explicit force: a copy
 * leaves the dead letter where it was, and a second replay of the same selection would double every event.
 */
public interface ReplayHistory {

    /** The id of an earlier replay (not {@code exceptReplay}) that delivered this event, if any. */
    Optional<String> deliveredBy(String eventKey, String exceptReplay);

    static ReplayHistory none() {
        return (eventKey, exceptReplay) -> Optional.empty();
    }
}
