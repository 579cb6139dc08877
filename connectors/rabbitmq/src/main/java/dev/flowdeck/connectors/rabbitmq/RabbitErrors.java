package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.broker.Failures;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.http.client.HttpClientException;
import com.rabbitmq.http.client.HttpException;
import dev.flowdeck.core.broker.BrokerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/** Turns what the AMQP and HTTP clients throw into sentences an operator can act on; the cause stays for the log. */
final class RabbitErrors {

    private RabbitErrors() {
    }

    static BrokerException explain(Throwable failure, RabbitEndpoint endpoint) {
        Throwable top = Failures.unwrap(failure);
        if (top instanceof BrokerException already) {
            return already;
        }
        // The clients wrap the telling exception in their own: classify by the first telling one in the chain.
        boolean management = chain(top).anyMatch(HttpException.class::isInstance);
        String where = endpoint.display();
        for (Throwable cause : chain(top).toList()) {
            String message = switch (cause) {
                case AuthenticationFailureException e -> credentialsRefused(where);
                case PossibleAuthenticationFailureException e -> credentialsRefused(where);
                case HttpClientException e -> management(e, endpoint);
                case UnknownHostException e -> "The host '" + endpoint.host() + "' is unknown. Check the address.";
                case SSLException e -> "The TLS handshake with " + where + " failed: " + e.getMessage()
                        + ". Check the trust store, and that the port speaks TLS (amqps://).";
                case ConnectException e -> management ? managementUnreachable(endpoint) : noAnswer(where);
                case NoRouteToHostException e -> noAnswer(where);
                case SocketTimeoutException e -> noAnswer(where);
                case HttpConnectTimeoutException e -> managementUnreachable(endpoint);
                case TimeoutException e -> noAnswer(where);
                case ShutdownSignalException e -> channelClosed(e, where);
                default -> null;
            };
            if (message != null) {
                return new BrokerException(message, top);
            }
        }
        return new BrokerException("RabbitMQ at " + where + " reported: " + Failures.firstLine(top), top);
    }

    private static Stream<Throwable> chain(Throwable top) {
        return Stream.iterate(top, Objects::nonNull, Throwable::getCause).limit(20);
    }

    private static String credentialsRefused(String where) {
        return "RabbitMQ at " + where + " refused the credentials. Check the user name and password of the profile.";
    }

    private static String noAnswer(String where) {
        return "No answer from " + where + ". Check the address, that RabbitMQ is running, and that this machine "
                + "can reach it.";
    }

    private static String managementUnreachable(RabbitEndpoint endpoint) {
        return "No answer from the management API at " + endpoint.managementUrl() + ". Check that the "
                + "rabbitmq_management plugin is enabled and the URL (profile property "
                + RabbitEndpoint.MANAGEMENT_URL + ") is right.";
    }

    private static String management(HttpClientException e, RabbitEndpoint endpoint) {
        return switch (e.status()) {
            case 401 -> "The management API at " + endpoint.managementUrl()
                    + " refused the credentials. Check the user name and password of the profile.";
            case 403 -> "The profile's user may not use the management API: give it the 'monitoring' tag.";
            case 404 -> "The management API at " + endpoint.managementUrl() + " does not know that: "
                    + Failures.firstLine(e);
            default -> "The management API at " + endpoint.managementUrl() + " answered " + e.status() + ": "
                    + Failures.firstLine(e);
        };
    }

    /** A channel or connection closed by the broker: its reply text says what (404 not found, 403 refused...). */
    private static String channelClosed(ShutdownSignalException e, String where) {
        String text = e.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close ? close.getReplyText()
                : e.getReason() instanceof com.rabbitmq.client.AMQP.Connection.Close close ? close.getReplyText()
                : e.getMessage();
        if (text.startsWith("NOT_FOUND")) {
            return "RabbitMQ at " + where + " says: " + text.substring(text.indexOf('-') + 1).trim() + ".";
        }
        if (text.startsWith("ACCESS_REFUSED")) {
            return "The profile's user may not do this on " + where + ": "
                    + text.substring(text.indexOf('-') + 1).trim() + ". Ask for the permission or use another profile.";
        }
        return "RabbitMQ at " + where + " closed the channel: " + text;
    }
}
