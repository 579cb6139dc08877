package dev.flowdeck.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.profiles.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The operator's alert rules, per cluster, in {@code alert-rules.json} of the config directory, so thresholds set
 * once hold after a restart. Written whole and owner-only, like the profiles ({@link PrivateFiles}): a crash
 * mid-write leaves the old rules, never half a file. Thread-safe.
 */
final class AlertRulesFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AlertRulesFile(Path file) {
        this.file = file;
    }

    /** The cluster's rules; the defaults when it has none or the file cannot be read (which is logged by caller). */
    synchronized AlertRules load(String cluster) {
        JsonNode clusterNode = readAll().path(cluster);
        if (clusterNode.isMissingNode()) {
            return AlertRules.defaults();
        }
        Map<String, AlertRule> perGroup = new HashMap<>();
        clusterNode.path("perGroup").properties().forEach(entry -> perGroup.put(entry.getKey(), rule(entry.getValue())));
        JsonNode every = clusterNode.path("everyGroup");
        return new AlertRules(every.isMissingNode() ? AlertRule.defaults() : rule(every), perGroup);
    }

    synchronized void save(String cluster, AlertRules rules) {
        ObjectNode all = readAll();
        ObjectNode clusterNode = all.putObject(cluster);
        write(clusterNode.putObject("everyGroup"), rules.everyGroup());
        ObjectNode perGroup = clusterNode.putObject("perGroup");
        rules.perGroup().forEach((group, rule) -> write(perGroup.putObject(group), rule));
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException("The alert rules could not be saved to " + file, e);
        }
    }

    private ObjectNode readAll() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("The alert rules in " + file + " could not be read", e);
        }
    }

    private static void write(ObjectNode node, AlertRule rule) {
        rule.maxLag().ifPresent(lag -> node.put("maxLag", lag));
        rule.maxTimeLag().ifPresent(age -> node.put("maxTimeLagSeconds", age.toSeconds()));
        ArrayNode statuses = node.putArray("statuses");
        rule.statuses().stream().sorted().forEach(status -> statuses.add(status.name()));
    }

    private static AlertRule rule(JsonNode node) {
        OptionalLong maxLag = node.hasNonNull("maxLag") ? OptionalLong.of(node.get("maxLag").asLong())
                : OptionalLong.empty();
        Optional<Duration> maxAge = node.hasNonNull("maxTimeLagSeconds")
                ? Optional.of(Duration.ofSeconds(node.get("maxTimeLagSeconds").asLong())) : Optional.empty();
        Set<GroupStatus> statuses = EnumSet.noneOf(GroupStatus.class);
        node.path("statuses").forEach(status -> {
            try {
                statuses.add(GroupStatus.valueOf(status.asText()));
            } catch (IllegalArgumentException unknown) {
                // a status of a newer version: ignore rather than lose the whole rule
            }
        });
        return new AlertRule(maxLag, maxAge, statuses);
    }
}
