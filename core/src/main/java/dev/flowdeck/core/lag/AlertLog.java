package dev.flowdeck.core.lag;

import java.util.List;

/** The alerts raised and cleared, newest last: what happened while nobody watched. */
public interface AlertLog {

    void append(LagAlert alert);

    /** The newest {@code limit} entries, oldest first. */
    List<LagAlert> recent(int limit);
}
