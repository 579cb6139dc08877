package dev.flowdeck.store;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Reads a segment's frames in order (see {@link SegmentFormat}). Frames must be fed from the segment's first on:
 * each one's names and offsets build on the frames before it.
 *
 * <p>Reading one group: the blocks of every other group are skipped by their length, neither decoded nor turned
 * into objects; so are the wanted group's partitions in frames outside the asked time range (their offsets are
 * decoded, since later frames build on them, but no {@link PartitionLag} is made).
 */
final class FrameDecoder {

    /** What one frame held: its time, and the groups asked for if the time was wanted (else an empty list). */
    record Frame(Instant at, boolean wanted, List<ConsumerGroupLag> groups) {
    }

    private final long hourStartMillis;
    private final SegmentState state;
    private final String onlyGroup;
    private int onlyGroupId = -1;

    /**
     * @param onlyGroup the one group to decode, or null for all of them
     */
    FrameDecoder(long hour, SegmentState state, String onlyGroup) {
        this.hourStartMillis = hour * SegmentFormat.HOUR_MILLIS;
        this.state = state;
        this.onlyGroup = onlyGroup;
    }

    /**
     * @param wanted whether to make objects of a frame at this time
     * @throws CorruptSegmentException when the payload does not decode; the state is then unreliable
     */
    Frame decode(ByteSource in, Predicate<Instant> wanted) {
        long intoHour = in.readVarint();
        long nanos = in.readVarint();
        if (intoHour < 0 || intoHour >= SegmentFormat.HOUR_MILLIS || nanos < 0 || nanos >= 1_000_000) {
            throw new CorruptSegmentException("a round's time lies outside its segment's hour");
        }
        long atMillis = hourStartMillis + intoHour;
        Instant at = Instant.ofEpochMilli(atMillis).plusNanos(nanos);
        boolean materialise = wanted.test(at);

        int newNames = in.readCount();
        for (int i = 0; i < newNames; i++) {
            String name = in.readString();
            if (onlyGroupId < 0 && name.equals(onlyGroup)) {
                onlyGroupId = state.names().size();
            }
            state.names().add(name);
        }
        int groupCount = in.readCount();
        List<ConsumerGroupLag> groups = materialise ? new ArrayList<>(onlyGroup == null ? groupCount : 1) : List.of();
        for (int g = 0; g < groupCount; g++) {
            int groupId = name(in);
            int length = in.readCount();
            if (onlyGroup != null && groupId != onlyGroupId) {
                in.skip(length);
                continue;
            }
            int blockEnd = in.position() + length;
            ConsumerGroupLag group = decodeBlock(in, groupId, atMillis, materialise);
            if (in.position() != blockEnd) {
                throw new CorruptSegmentException("a group's block is not as long as it says");
            }
            if (materialise) {
                groups.add(group);
            }
        }
        if (!in.exhausted()) {
            throw new CorruptSegmentException("a frame has bytes after its last group");
        }
        return new Frame(at, materialise, groups);
    }

    private ConsumerGroupLag decodeBlock(ByteSource in, int groupId, long atMillis, boolean materialise) {
        String stateName = state.names().get(name(in));
        long members = in.readSigned();
        if (members != (int) members) {
            throw new CorruptSegmentException("a member count does not fit an int");
        }
        GroupTrack track = state.tracks().get(groupId);
        long layout = in.readVarint();
        if (layout == SegmentFormat.LAYOUT_LISTED) {
            GroupTrack listed = readLayout(in);
            track = (track == null ? GroupTrack.empty() : track).relayout(listed.topics, listed.partitions);
            state.tracks().put(groupId, track);
        } else if (layout != SegmentFormat.LAYOUT_SAME || track == null) {
            throw new CorruptSegmentException("a group refers to partitions never listed");
        }
        List<PartitionLag> partitions = materialise ? new ArrayList<>(track.size()) : null;
        for (int i = 0; i < track.size(); i++) {
            long committed = track.committed[i] + in.readSigned();
            long end = track.end[i] + in.readSigned();
            long timeLag = in.readVarint();
            track.committed[i] = committed;
            track.end[i] = end;
            if (materialise) {
                Optional<Instant> oldest = timeLag == 0 ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(atMillis - SegmentFormat.unzigzag(timeLag - 1)));
                partitions.add(new PartitionLag(state.names().get(track.topics[i]), track.partitions[i], committed,
                        end, oldest));
            }
        }
        return materialise
                ? new ConsumerGroupLag(state.names().get(groupId), stateName, (int) members, partitions) : null;
    }

    private GroupTrack readLayout(ByteSource in) {
        int runs = in.readCount();
        IntStream.Builder topics = IntStream.builder();
        IntStream.Builder numbers = IntStream.builder();
        for (int r = 0; r < runs; r++) {
            int topic = name(in);
            int count = in.readCount();
            for (int i = 0; i < count; i++) {
                long partition = in.readSigned();
                if (partition != (int) partition) {
                    throw new CorruptSegmentException("a partition number does not fit an int");
                }
                topics.add(topic);
                numbers.add((int) partition);
            }
        }
        return new GroupTrack(topics.build().toArray(), numbers.build().toArray());
    }

    private int name(ByteSource in) {
        long id = in.readVarint();
        if (id < 0 || id >= state.names().size()) {
            throw new CorruptSegmentException("a name refers to no entry of the dictionary");
        }
        return (int) id;
    }
}
