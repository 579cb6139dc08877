package dev.flowdeck.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void showsTheFirstLineOfTheFailureInsideTheFutureWrappers() {
        var failure = new CompletionException(new ExecutionException(
                new BrokerException("No answer from k:9092.\n\tat some.Frame(Frame.java:1)", null)));

        assertThat(Failures.sentence(failure)).isEqualTo("No answer from k:9092.");
    }

    @Test
    void namesAFailureWithoutAMessageByItsType() {
        assertThat(Failures.sentence(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
