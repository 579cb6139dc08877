/**
 * Replays of dead letters, or of any selection of messages: a {@link dev.flowdeck.replay.ReplayPlan} built by the
 * {@link dev.flowdeck.replay.ReplayPlanner}, saved and loaded by {@link dev.flowdeck.replay.PlanFile}, shown by a
 * {@link dev.flowdeck.replay.DryRun}, and run by the {@link dev.flowdeck.replay.ReplayRunner}, which keeps a
 * {@link dev.flowdeck.replay.ReplayJournal} so a crash resumes without losing or doubling an event.
 *
 * <p>Pure Java and deterministic: time comes from an injected {@link java.time.Clock}, waiting from an injected
 * {@link dev.flowdeck.replay.ReplayScheduler}, and the broker is reached only through the
 * {@link dev.flowdeck.replay.Publisher}, {@link dev.flowdeck.replay.TargetReadBack} and
 * {@link dev.flowdeck.replay.DeadLetterSource} the caller adapts from its connections.
 */
package dev.flowdeck.replay;
