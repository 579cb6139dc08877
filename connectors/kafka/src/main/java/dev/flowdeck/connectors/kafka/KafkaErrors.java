package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.broker.BrokerException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Turns what the Kafka client throws into a sentence an operator can act on; the cause stays for the log. */
final class KafkaErrors {

    private KafkaErrors() {
    }

    static BrokerException explain(Throwable failure, String bootstrapServers, boolean closed) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof BrokerException already) {
            return already;
        }
        String message;
        if (closed) {
            message = "The connection to " + bootstrapServers + " was closed.";
        } else if (cause instanceof TimeoutException) {
            message = "No answer from " + bootstrapServers + " within " + KafkaBrokerConnection.API_TIMEOUT.toSeconds()
                    + " s. Check the address, that the broker is running, and that this machine can reach it.";
        } else if (cause instanceof SslAuthenticationException) {
            message = "The TLS handshake with " + bootstrapServers + " failed: " + Failures.firstLine(cause)
                    + " Check the profile's trust store (ssl.truststore.location) and that the port speaks TLS.";
        } else if (cause instanceof AuthenticationException) {
            message = "The cluster at " + bootstrapServers + " refused the credentials: " + cause.getMessage()
                    + " Check the user name, password and SASL mechanism of the profile.";
        } else if (cause instanceof AuthorizationException) {
            message = "The profile's user may not do this on " + bootstrapServers + ": " + cause.getMessage()
                    + " Ask for the missing ACL or use a profile with more rights.";
        } else if (cause instanceof UnknownTopicOrPartitionException) {
            message = "Kafka at " + bootstrapServers + " knows no such topic or partition: "
                    + Failures.firstLine(cause);
        } else if (cause instanceof UnsupportedVersionException) {
            message = "The broker at " + bootstrapServers + " is too old for this request: " + cause.getMessage();
        } else {
            message = "Kafka at " + bootstrapServers + " reported: " + Failures.firstLine(cause);
        }
        return new BrokerException(message, cause);
    }
}
