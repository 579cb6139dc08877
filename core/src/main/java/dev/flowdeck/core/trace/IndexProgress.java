package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.ScanProgress;

/**
 * How far indexing has come, as a progress bar says it.
 *
 * @param destination  the destination whose batch was just indexed (several are read at once)
 * @param number       its number in the window, from 1
 * @param destinations how many are to be read
 * @param done         how many were read to their end so far
 * @param scanned      messages read so far, in all destinations
 * @param indexed      events in the index so far
 * @param current      the scan of that destination (rate, ETA)
 */
public record IndexProgress(String destination, int number, int destinations, int done, long scanned, long indexed,
                            ScanProgress current) {
}
