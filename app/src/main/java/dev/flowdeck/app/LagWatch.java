package dev.flowdeck.app;

import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagSettings;
import java.time.Clock;
import java.util.function.Function;

/**
 * What every cluster's lag sampling shares: the settings, where each cluster's history is kept (opened per
 * cluster name), the one alert log of the app, the saved alert rules, and the clock rounds are stamped with.
 */
record LagWatch(LagSettings settings, Function<String, LagHistoryStore> histories, AlertLog alerts,
                AlertRulesFile rules, Clock clock) {

    LagHistoryStore history(String cluster) {
        return histories.apply(cluster);
    }
}
