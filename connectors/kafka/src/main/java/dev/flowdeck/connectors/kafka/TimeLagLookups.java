package dev.flowdeck.connectors.kafka;

/**
 * What one round did for lag in time, for the log and the tests.
 *
 * @param wanted     distinct places groups wait at (groups waiting at the same offset count once)
 * @param cached     of those, answered from the cache without reading
 * @param read       looked up in the log this round
 * @param found      of those, answered with a write time
 * @param outOfTime  of those, not reached before the budget's time ran out
 * @param overBudget not looked up: beyond the budget's count (the smallest lags)
 */
record TimeLagLookups(int wanted, int cached, int read, int found, int outOfTime, int overBudget) {

    static final TimeLagLookups NONE = new TimeLagLookups(0, 0, 0, 0, 0, 0);
}
