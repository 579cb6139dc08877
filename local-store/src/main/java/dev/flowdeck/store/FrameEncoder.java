package dev.flowdeck.store;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Turns rounds into frames of one segment (see {@link SegmentFormat}). It remembers the segment's dictionary and
 * each group's last block, so it must see every frame of its segment in order: if a frame fails to reach the file,
 * the encoder is thrown away and rebuilt from the file.
 */
final class FrameEncoder {

    private final long hourStartMillis;
    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, GroupTrack> tracks;
    private final ByteSink block = new ByteSink(1024);
    private final List<String> newNames = new ArrayList<>();
    private final CRC32 crc = new CRC32();

    /** Continues a segment whose frames {@code state} has decoded. */
    FrameEncoder(long hour, SegmentState state) {
        this.hourStartMillis = hour * SegmentFormat.HOUR_MILLIS;
        this.names = state.names();
        this.tracks = state.tracks();
        for (int i = 0; i < names.size(); i++) {
            ids.putIfAbsent(names.get(i), i);
        }
    }

    /** Writes the whole frame, header included, into {@code frame}. */
    void encode(LagRound round, ByteSink frame) {
        long atMillis = round.at().toEpochMilli();
        long intoHour = atMillis - hourStartMillis;
        if (intoHour < 0 || intoHour >= SegmentFormat.HOUR_MILLIS) {
            throw new IllegalArgumentException(round.at() + " is not in this segment's hour");
        }
        newNames.clear();
        int[] groupIds = new int[round.groups().size()];
        for (int g = 0; g < groupIds.length; g++) {
            ConsumerGroupLag group = round.groups().get(g);
            groupIds[g] = id(group.group());
            id(group.state());
            for (PartitionLag partition : group.partitions()) {
                id(partition.topic());
            }
        }

        frame.clear();
        frame.writeInt(0);
        frame.writeInt(0);
        frame.writeVarint(intoHour);
        frame.writeVarint(round.at().getNano() % 1_000_000);
        frame.writeVarint(newNames.size());
        newNames.forEach(frame::writeString);
        frame.writeVarint(groupIds.length);
        for (int g = 0; g < groupIds.length; g++) {
            encodeBlock(round.groups().get(g), groupIds[g], atMillis);
            frame.writeVarint(groupIds[g]);
            frame.writeVarint(block.size());
            frame.write(block);
        }
        int payload = frame.size() - SegmentFormat.FRAME_HEADER;
        crc.reset();
        crc.update(frame.array(), SegmentFormat.FRAME_HEADER, payload);
        frame.setInt(0, payload);
        frame.setInt(4, (int) crc.getValue());
    }

    private void encodeBlock(ConsumerGroupLag group, int groupId, long atMillis) {
        List<PartitionLag> partitions = group.partitions();
        int size = partitions.size();
        int[] topics = new int[size];
        int[] numbers = new int[size];
        for (int i = 0; i < size; i++) {
            topics[i] = ids.get(partitions.get(i).topic());
            numbers[i] = partitions.get(i).partition();
        }
        block.clear();
        block.writeVarint(ids.get(group.state()));
        block.writeSigned(group.members());
        GroupTrack track = tracks.get(groupId);
        if (track != null && track.sameLayout(topics, numbers)) {
            block.writeVarint(SegmentFormat.LAYOUT_SAME);
        } else {
            block.writeVarint(SegmentFormat.LAYOUT_LISTED);
            writeLayout(topics, numbers);
            track = (track == null ? GroupTrack.empty() : track).relayout(topics, numbers);
            tracks.put(groupId, track);
        }
        for (int i = 0; i < size; i++) {
            PartitionLag partition = partitions.get(i);
            block.writeSigned(partition.committed() - track.committed[i]);
            block.writeSigned(partition.end() - track.end[i]);
            block.writeVarint(timeLag(partition.oldestUnconsumed(), atMillis));
            track.committed[i] = partition.committed();
            track.end[i] = partition.end();
        }
    }

    private void writeLayout(int[] topics, int[] numbers) {
        List<int[]> runs = new ArrayList<>(); // {topic, first index, count}
        for (int i = 0; i < topics.length; i++) {
            if (runs.isEmpty() || runs.getLast()[0] != topics[i]) {
                runs.add(new int[] {topics[i], i, 0});
            }
            runs.getLast()[2]++;
        }
        block.writeVarint(runs.size());
        for (int[] run : runs) {
            block.writeVarint(run[0]);
            block.writeVarint(run[2]);
            for (int i = run[1]; i < run[1] + run[2]; i++) {
                block.writeSigned(numbers[i]);
            }
        }
    }

    /** Kept to the millisecond, as Kafka's record timestamps are; shifted by one so that 0 can mean unknown. */
    static long timeLag(Optional<Instant> written, long atMillis) {
        return written.map(time -> SegmentFormat.zigzag(atMillis - time.toEpochMilli()) + 1).orElse(0L);
    }

    private int id(String name) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        int id = names.size();
        names.add(name);
        ids.put(name, id);
        newNames.add(name);
        return id;
    }
}
