package dev.flowdeck.core.lag;

import java.util.Map;
import java.util.Objects;

/** The rule for every group, and the groups the operator gave rules of their own. */
public record AlertRules(AlertRule everyGroup, Map<String, AlertRule> perGroup) {

    public AlertRules {
        Objects.requireNonNull(everyGroup, "everyGroup");
        perGroup = Map.copyOf(perGroup);
    }

    public static AlertRules defaults() {
        return new AlertRules(AlertRule.defaults(), Map.of());
    }

    public AlertRule ruleFor(String group) {
        return perGroup.getOrDefault(group, everyGroup);
    }

    public AlertRules with(String group, AlertRule rule) {
        var rules = new java.util.HashMap<>(perGroup);
        rules.put(group, rule);
        return new AlertRules(everyGroup, rules);
    }
}
