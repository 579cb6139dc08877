package dev.flowdeck.views.lag;

import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.GroupStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the alert rule dialog's fields mean: a lag threshold in messages, an age such as {@code 5m}, and the
 * statuses that alert. Kept apart from the dialog so the wording of its errors is tested.
 */
final class AlertRuleForm {

    private AlertRuleForm() {
    }

    /**
     * @throws IllegalArgumentException with a sentence for the operator when a field is not understood
     */
    static AlertRule read(String maxLag, String maxAge, Set<GroupStatus> statuses) {
        return new AlertRule(messages(maxLag), age(maxAge), statuses);
    }

    static String lagText(AlertRule rule) {
        return rule.maxLag().isPresent() ? String.valueOf(rule.maxLag().getAsLong()) : "";
    }

    static String ageText(AlertRule rule) {
        return rule.maxTimeLag().map(AlertRuleForm::compact).orElse("");
    }

    private static OptionalLong messages(String text) {
        String trimmed = text == null ? "" : text.trim().replace(",", "").replace("_", "");
        if (trimmed.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(trimmed);
            if (value >= 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException notANumber) {
            // worded below
        }
        throw new IllegalArgumentException("'" + text.trim() + "' is not a number of messages: write one such as 5000,"
                + " or leave it empty for no lag alert.");
    }

    private static Optional<Duration> age(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (TimeExpression.parse(trimmed) instanceof TimeExpression.Ago ago) {
                return Optional.of(ago.age());
            }
        } catch (IllegalArgumentException notAnAge) {
            // worded below
        }
        throw new IllegalArgumentException("'" + trimmed + "' is not an age: write one such as 90s, 5m or 1h30m,"
                + " or leave it empty for no time alert.");
    }

    /** 90 s → "1m30s": the same syntax the field reads. */
    private static String compact(Duration age) {
        long seconds = age.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3_600) {
            text.append(seconds / 3_600).append('h');
        }
        if (seconds % 3_600 >= 60) {
            text.append(seconds % 3_600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.isEmpty()) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
