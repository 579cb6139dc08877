package dev.flowdeck.core.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagEvaluatorTest {

    /** Window of 20 s over 5 s samples: five samples span it. */
    private final LagEvaluator evaluator = new LagEvaluator(Duration.ofSeconds(20));

    @Test
    void aGroupThatKeepsUpIsOk() {
        var script = new GroupScript("payment-service");
        for (int i = 0; i < 5; i++) {
            script.sample(100L * i, 100L * i + (i % 2));
        }
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.OK);
        assertThat(verdict.explanation()).isEqualTo("Caught up");
        assertThat(verdict.catchUp()).contains(Duration.ZERO);
    }

    @Test
    void offsetsThatDoNotMoveWhileLagRisesAreAStall() {
        var script = new GroupScript("fraud-audit");
        script.sample(1_200, 1_200 + 1_200);
        script.sample(1_200, 3_400).sample(1_200, 4_000).sample(1_200, 5_000).sample(1_200, 6_600);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.STALLED);
        assertThat(verdict.explanation()).isEqualTo("Offsets unchanged for 20 s on orders-0 while lag rose from 1,200 to 5,400");
        assertThat(verdict.trend()).isEqualTo(Trend.STALLED);
        assertThat(verdict.catchUp()).isEmpty();
    }

    @Test
    void aStallNeedsAFullWindow() {
        var script = new GroupScript("fraud-audit");
        script.sample(10, 20).sample(10, 30).sample(10, 40);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.OK);
        assertThat(verdict.explanation()).contains("watching: 3 samples over 10 s of a 20 s window");
    }

    @Test
    void lagRisingInEveryStepWhileOffsetsMoveIsAWarning() {
        var script = new GroupScript("analytics-loader");
        for (int i = 0; i < 5; i++) {
            script.sample(5L * i, 20L * i + 10);
        }
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.WARNING);
        assertThat(verdict.explanation())
                .isEqualTo("Lag rose from 10 to 70 in 20 s on orders-0: consuming 1.0/s while 4.0/s arrive");
        assertThat(verdict.trend()).isEqualTo(Trend.FALLING_BEHIND);
        assertThat(verdict.catchUp()).as("never catches up at these rates").isEmpty();
    }

    @Test
    void oneDipInLagIsNotAWarning() {
        var script = new GroupScript("analytics-loader");
        script.sample(0, 10).sample(5, 30).sample(30, 40).sample(35, 60).sample(40, 80);
        assertThat(evaluator.evaluate(script.samples()).status()).isEqualTo(GroupStatus.OK);
    }

    @Test
    void lagThatWasZeroInTheWindowIsABurstNotAWarning() {
        var script = new GroupScript("payment-service");
        script.sample(0, 0).sample(10, 10).sample(20, 20).sample(30, 30).sample(40, 41);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.OK);
        assertThat(verdict.explanation()).isEqualTo("Keeping up with 1 in flight");
    }

    @Test
    void aGroupCatchingUpIsOkWithAnEstimate() {
        var script = new GroupScript("analytics-loader");
        // consumes 20/s, 4/s arrive: lag falls 16/s from 400
        for (int i = 0; i < 5; i++) {
            script.sample(100L * i, 400 + 20L * i);
        }
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.OK);
        assertThat(verdict.trend()).isEqualTo(Trend.CATCHING_UP);
        assertThat(verdict.catchUp()).contains(Duration.ofSeconds(5)); // 80 left at 16/s
        assertThat(verdict.explanation()).isEqualTo("Catching up: lag fell from 400 to 80 in 20 s; clear in about 5 s");
    }

    @Test
    void noMembersWithLagIsStoppedAtOnce() {
        var script = new GroupScript("billing").members(0);
        script.sample(100, 5_500);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.STOPPED);
        assertThat(verdict.explanation()).isEqualTo("No consumers while 5,400 messages wait (the oldest for 1 h 30 min)");
    }

    @Test
    void noMembersAndNothingWaitingIsOk() {
        var script = new GroupScript("billing").members(0);
        script.sample(100, 100);
        assertThat(evaluator.evaluate(script.samples()).status()).isEqualTo(GroupStatus.OK);
    }

    @Test
    void offsetsMovingBackAreARewind() {
        var script = new GroupScript("payment-service");
        script.sample(1_200, 1_210).sample(300, 1_220);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.REWINDING);
        assertThat(verdict.explanation()).isEqualTo("Offsets moved back on orders-0 (orders-0 from 1,200 to 300)");
    }

    @Test
    void aRewindLeavesTheWindowAndTheGroupIsOkAgain() {
        var script = new GroupScript("payment-service");
        script.sample(1_200, 1_210).sample(300, 1_220);
        for (int i = 0; i < 5; i++) {
            script.sample(400L + 100 * i, 1_230 + 10L * i);
        }
        assertThat(evaluator.evaluate(script.samples()).status()).isEqualTo(GroupStatus.OK);
    }

    @Test
    void aStalledPartitionAmongHealthyOnesIsNamed() {
        var script = new GroupScript("fraud-audit");
        for (int i = 0; i < 5; i++) {
            script.sample(10L * i, 10L * i, 50, 60 + 10L * i, 7L * i, 7L * i);
        }
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.status()).isEqualTo(GroupStatus.STALLED);
        assertThat(verdict.explanation()).isEqualTo("Offsets unchanged for 20 s on orders-1 (1 of 3 partitions)"
                + " while lag rose from 10 to 50");
        assertThat(verdict.partitions()).extracting(PartitionVerdict::trend)
                .containsExactly(Trend.STEADY, Trend.STALLED, Trend.STEADY);
    }

    @Test
    void timeLagIsTheAgeOfTheOldestWaitingRecord() {
        var script = new GroupScript("analytics-loader");
        script.sample(0, 30, 0, 90);
        GroupVerdict verdict = evaluator.evaluate(script.samples());
        assertThat(verdict.timeLag()).contains(Duration.ofSeconds(90));
        assertThat(verdict.partitions().get(0).timeLag()).contains(Duration.ofSeconds(30));
    }

    @Test
    void samplesOlderThanTheWindowAreIgnored() {
        var script = new GroupScript("fraud-audit");
        script.sample(0, 10); // the group moved once, long ago
        for (int i = 0; i < 6; i++) {
            script.sample(5, 20 + i);
        }
        assertThat(evaluator.evaluate(script.samples()).status()).isEqualTo(GroupStatus.STALLED);
    }

    @Test
    void missedRoundsDoNotReadAsARecovery() {
        var script = new GroupScript("fraud-audit");
        for (int i = 0; i < 5; i++) {
            script.sample(10, 20 + i);
        }
        List<GroupSample> samples = new java.util.ArrayList<>(script.samples());
        // The next round comes a minute late: only it falls within the 20 s window.
        GroupSample late = samples.getLast();
        samples.add(new GroupSample(late.at().plusSeconds(60), late.lag()));
        GroupVerdict verdict = evaluator.evaluate(samples);
        assertThat(verdict.status()).isEqualTo(GroupStatus.STALLED);
        assertThat(verdict.explanation()).isEqualTo("Offsets unchanged for 1 min 5 s on orders-0 while lag rose from 13 to 14");
    }

    @Test
    void aVerdictNeedsASample() {
        assertThatThrownBy(() -> evaluator.evaluate(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LagEvaluator(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
