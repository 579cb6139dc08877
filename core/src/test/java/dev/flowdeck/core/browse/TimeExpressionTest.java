package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeExpressionTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void agesCountBackFromTheClock() {
        assertThat(resolve("30s")).isEqualTo(NOW.minusSeconds(30));
        assertThat(resolve("15m")).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(resolve("2h")).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(resolve("3d")).isEqualTo(NOW.minus(Duration.ofDays(3)));
        assertThat(resolve("1w")).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(resolve(" 1h30m ")).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
        assertThat(resolve("2H")).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(resolve("0m")).isEqualTo(NOW);
    }

    @Test
    void anAgeStaysAnAgeUntilResolved() {
        TimeExpression age = TimeExpression.parse("15m");
        assertThat(age).isEqualTo(new TimeExpression.Ago(Duration.ofMinutes(15)));
        Clock later = Clock.offset(clock, Duration.ofMinutes(5));
        assertThat(age.resolve(later)).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
    }

    @Test
    void instantsAreIsoWithZOrAnOffset() {
        assertThat(resolve("2026-04-30T09:30:00Z")).isEqualTo(Instant.parse("2026-04-30T09:30:00Z"));
        assertThat(resolve("2026-04-30T09:30:00.250Z")).isEqualTo(Instant.parse("2026-04-30T09:30:00.250Z"));
        assertThat(resolve("2026-04-30T11:30:00+02:00")).isEqualTo(Instant.parse("2026-04-30T09:30:00Z"));
        assertThat(TimeExpression.parse("2026-04-30T09:30:00Z").resolve(Clock.systemUTC()))
                .as("an instant does not depend on the clock").isEqualTo(Instant.parse("2026-04-30T09:30:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsItCouldTake() {
        for (String wrong : new String[] {"", "  ", "15", "m", "15 minutes", "-5m", "yesterday", "2026-04-30",
                "2026-04-30 09:30", "1h 30m"}) {
            assertThatThrownBy(() -> TimeExpression.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2026-05-01T09:30:00Z").hasMessageContaining("15m");
        }
        assertThatThrownBy(() -> TimeExpression.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private Instant resolve(String text) {
        return TimeExpression.parse(text).resolve(clock);
    }
}
