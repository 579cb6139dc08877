package dev.flowdeck.cli;

import dev.flowdeck.core.lag.MonitorUpdate;

/** Writes one sample's verdicts out as it is taken, so a watch piped on ({@code | jq}, {@code | tee}) flows. */
interface LagReport {

    void write(MonitorUpdate sample);
}
