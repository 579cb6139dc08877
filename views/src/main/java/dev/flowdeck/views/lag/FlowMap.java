package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.PartitionVerdict;
import dev.flowdeck.core.lag.Spoken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who reads what, how fast, and who is worst off: topics with the rate events arrive, groups with the rate they
 * consume, and an edge for each topic a group reads with the group's lag there. Built from one round's verdicts.
 */
public record FlowMap(List<TopicNode> topics, List<GroupNode> groups, List<Edge> edges, Optional<Worst> worst) {

    /** A topic and how many events per second arrive on it (its end offsets' growth). */
    public record TopicNode(String name, double inRate) {
    }

    /** A group, its status and how many events per second it consumes over all its topics. */
    public record GroupNode(String name, GroupStatus status, double outRate, long lag, Optional<Duration> timeLag) {
    }

    /** A group reading a topic, with its lag on that topic. */
    public record Edge(String topic, String group, long lag, GroupStatus status) {
    }

    /** The group the operator should look at first, and the sentence that says why. */
    public record Worst(String group, String sentence) {
    }

    public FlowMap {
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
        edges = List.copyOf(edges);
    }

    public static FlowMap of(List<GroupVerdict> verdicts) {
        Map<String, Double> arriving = new TreeMap<>();
        Map<String, GroupNode> groups = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (GroupVerdict verdict : verdicts) {
            Map<String, Long> lagByTopic = new TreeMap<>();
            Map<String, Double> inByTopic = new TreeMap<>();
            double out = 0;
            for (PartitionVerdict partition : verdict.partitions()) {
                String topic = partition.partition().topic();
                lagByTopic.merge(topic, partition.lag(), Long::sum);
                inByTopic.merge(topic, partition.producedRate(), Double::sum);
                out += partition.consumedRate();
            }
            // Every group reading a topic sees the same end offsets; the widest view of it wins.
            inByTopic.forEach((topic, rate) -> arriving.merge(topic, rate, Math::max));
            lagByTopic.forEach((topic, lag) -> edges.add(new Edge(topic, verdict.name(), lag, verdict.status())));
            groups.put(verdict.name(), new GroupNode(verdict.name(), verdict.status(), out, verdict.lag(),
                    verdict.timeLag()));
        }
        List<TopicNode> topics = arriving.entrySet().stream()
                .map(entry -> new TopicNode(entry.getKey(), entry.getValue())).toList();
        List<String> topicOrder = topics.stream().map(TopicNode::name).toList();
        // Groups follow the first topic they read, so edges mostly run straight across.
        List<GroupNode> orderedGroups = groups.values().stream()
                .sorted(Comparator.comparingInt((GroupNode group) -> edges.stream()
                                .filter(edge -> edge.group().equals(group.name()))
                                .mapToInt(edge -> topicOrder.indexOf(edge.topic())).min().orElse(0))
                        .thenComparing(GroupNode::name))
                .toList();
        return new FlowMap(topics, orderedGroups, edges, worst(verdicts));
    }

    /** Worst status first; among equals, the longest wait, then the most messages behind. */
    private static Optional<Worst> worst(List<GroupVerdict> verdicts) {
        return verdicts.stream()
                .filter(verdict -> verdict.status().isProblem() || verdict.lag() > 0)
                .max(Comparator.comparing(GroupVerdict::status)
                        .thenComparing(verdict -> verdict.timeLag().orElse(Duration.ZERO))
                        .thenComparingLong(GroupVerdict::lag))
                .map(verdict -> new Worst(verdict.name(), verdict.name() + " is "
                        + verdict.status().label().toLowerCase(java.util.Locale.ROOT) + ": "
                        + Spoken.count(verdict.lag()) + " behind"
                        + verdict.timeLag().filter(age -> !age.isZero())
                                .map(age -> ", the oldest waiting " + Spoken.span(age)).orElse("")
                        + ". " + verdict.explanation() + "."));
    }
}
