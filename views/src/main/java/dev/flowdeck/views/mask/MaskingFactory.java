package dev.flowdeck.views.mask;

import dev.flowdeck.core.broker.ConnectionProfile;

/** Makes a profile's masking with the secret store and the audit log the app owns. */
@FunctionalInterface
public interface MaskingFactory {

    ProfileMasking forProfile(ConnectionProfile profile);

    /** The profile's rules with a key for the session and no reveals: where no app wires a secret store and a log. */
    MaskingFactory SESSION_ONLY = ProfileMasking::forSession;
}
