/**
 * Moving a consumer group's committed offsets: the target an operator chooses, the previewed plan that is then
 * applied exactly, and {@link dev.flowdeck.core.offsets.OffsetReset}, which applies it and records it in the audit
 * log.
 */
package dev.flowdeck.core.offsets;
