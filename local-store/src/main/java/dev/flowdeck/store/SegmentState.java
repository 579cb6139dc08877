package dev.flowdeck.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A segment's dictionary and each group's last block, as decoding its frames so far left them. */
record SegmentState(List<String> names, Map<Integer, GroupTrack> tracks) {

    static SegmentState empty() {
        return new SegmentState(new ArrayList<>(), new HashMap<>());
    }
}
