package dev.flowdeck.store;

import java.time.Instant;

/**
 * The lag history's file format, version 1. One file per cluster and hour (UTC), named {@code yyyyMMdd-HH.lag}.
 *
 * <pre>
 * segment := "FDLH" version:u8 frame*
 * frame   := length:u32 crc32(payload):u32 payload          (big-endian; one frame per round)
 * payload := msIntoHour nanosOfMilli
 *            newNameCount name*                               (appended to the segment's dictionary)
 *            groupCount (groupName blockLength block)*
 * block   := stateName members:s layout values*
 * layout  := 0                                                (same partitions as the group's last block)
 *          | 1 runCount (topicName count partition:s*)*      (runs of one topic, in the group's order)
 * values  := committedDelta:s endDelta:s timeLag              (per partition, in layout order)
 * timeLag := 0 (unknown) | zigzag(ms the oldest waiting record was written before the round) + 1
 * name    := length utf16unit*                                (names are indexes into the dictionary)
 * </pre>
 *
 * Numbers are unsigned LEB128 varints; {@code :s} marks zigzag for signed ones. Deltas are against the same
 * partition's offsets in the group's last block of this segment (zero in its first): a segment decodes on its own,
 * from its first frame, so an hour can be dropped or lost without touching the next one.
 *
 * <p>Why this shape: a round repeats the same names and mostly the same partitions with offsets that moved a
 * little, so names go in once per hour, unchanged partition lists cost one byte per group, and offsets a byte or
 * two each. Each group's block carries its length, so reading one group's history skips the others without decoding
 * them. The CRC finds a frame torn by a crash: reading stops before it, and the next append truncates it.
 */
final class SegmentFormat {

    static final byte[] MAGIC = {'F', 'D', 'L', 'H', 1};
    static final int HEADER_LENGTH = MAGIC.length;
    /** Length and CRC before each payload. */
    static final int FRAME_HEADER = 8;
    static final long HOUR_MILLIS = 3_600_000L;
    static final int LAYOUT_SAME = 0;
    static final int LAYOUT_LISTED = 1;

    private SegmentFormat() {
    }

    static long hourOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), HOUR_MILLIS);
    }

    static Instant hourStart(long hour) {
        return Instant.ofEpochMilli(hour * HOUR_MILLIS);
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
