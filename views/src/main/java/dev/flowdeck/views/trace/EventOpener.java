package dev.flowdeck.views.trace;

import dev.flowdeck.core.trace.ChainEvent;

/** Opens a chain's event in the browser; answers what it did, for the trace view's status line. */
@FunctionalInterface
public interface EventOpener {

    String open(ChainEvent event);
}
