package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.GroupStatus;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertRuleFormTest {

    @Test
    void fieldsBecomeARuleAndARuleBecomesFieldsAgain() {
        AlertRule rule = AlertRuleForm.read(" 5,000 ", "1h30m", Set.of(GroupStatus.STALLED));
        assertThat(rule.maxLag()).hasValue(5_000);
        assertThat(rule.maxTimeLag()).contains(Duration.ofMinutes(90));
        assertThat(AlertRuleForm.lagText(rule)).isEqualTo("5000");
        assertThat(AlertRuleForm.ageText(rule)).isEqualTo("1h30m");
        assertThat(AlertRuleForm.ageText(rule.withMaxTimeLag(java.util.Optional.of(Duration.ofSeconds(90)))))
                .isEqualTo("1m30s");
    }

    @Test
    void emptyFieldsMeanNoThreshold() {
        AlertRule rule = AlertRuleForm.read("", "  ", Set.of());
        assertThat(rule.maxLag()).isEmpty();
        assertThat(rule.maxTimeLag()).isEmpty();
        assertThat(AlertRuleForm.lagText(rule)).isEmpty();
    }

    @Test
    void whatCannotBeReadIsSaidPlainly() {
        assertThatThrownBy(() -> AlertRuleForm.read("lots", "", Set.of()))
                .hasMessage("'lots' is not a number of messages: write one such as 5000, or leave it empty for no lag alert.");
        assertThatThrownBy(() -> AlertRuleForm.read("-1", "", Set.of())).hasMessageContaining("'-1' is not a number");
        assertThatThrownBy(() -> AlertRuleForm.read("", "2026-01-01T00:00:00Z", Set.of()))
                .hasMessage("'2026-01-01T00:00:00Z' is not an age: write one such as 90s, 5m or 1h30m, or leave it"
                        + " empty for no time alert.");
    }
}
