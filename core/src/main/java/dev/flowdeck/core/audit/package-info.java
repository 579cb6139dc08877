/**
 * The audit trail of operator actions that change a cluster (offset resets; dead-letter replays later): the entry
 * and the log's interface. The local store keeps it in a file.
 */
package dev.flowdeck.core.audit;
