package dev.flowdeck.core.publish;

import dev.flowdeck.core.broker.BrokerException;

/** A write refused because the profile is read-only: the connector says no, whatever the UI asked. */
public class ReadOnlyProfileException extends BrokerException {

    public ReadOnlyProfileException(String profile, String what) {
        super("The profile '" + profile + "' is read-only: " + what + " is refused.", null);
    }
}
