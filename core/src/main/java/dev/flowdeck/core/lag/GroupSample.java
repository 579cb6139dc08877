package dev.flowdeck.core.lag;

import java.time.Instant;
import java.util.Objects;

/** One group's lag as one round read it. */
public record GroupSample(Instant at, ConsumerGroupLag lag) {

    public GroupSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lag, "lag");
    }
}
