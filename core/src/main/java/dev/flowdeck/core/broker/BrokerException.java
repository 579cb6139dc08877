package dev.flowdeck.core.broker;

/**
 * A broker operation that failed, with a message meant for the operator: what went wrong and what to try next.
 * The technical cause stays attached for the log.
 */
public class BrokerException extends RuntimeException {

    public BrokerException(String operatorMessage, Throwable cause) {
        super(operatorMessage, cause);
    }
}
