package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.ScanProgress;

/**
 * How far indexing has come, as a progress bar says it.
 *
 * @param destination  the destination being read
 * @param number       its number, from 1
 * @param destinations how many are to be read
 * @param scanned      messages read so far, in all destinations
 * @param indexed      events in the index so far
 * @param current      the scan of the current destination (rate, ETA)
 */
public record IndexProgress(String destination, int number, int destinations, long scanned, long indexed,
                            ScanProgress current) {
}
