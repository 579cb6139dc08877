package dev.flowdeck.core.profile;

import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The saved connection profiles as the views see them: every call is asynchronous (files and the keychain may
 * block), and secrets travel only inward, from a form to the store.
 */
public interface ProfileCatalog {

    CompletionStage<List<ConnectionProfile>> list();

    /**
     * Saves a profile; {@code secrets} holds the password as {@code "password"} and secret client properties by
     * name; an empty value deletes one, an absent one is kept.
     */
    CompletionStage<ConnectionProfile> save(ConnectionProfile profile, Map<String, String> secrets);

    CompletionStage<Void> delete(String profileId);

    CompletionStage<ConnectionProfile> duplicate(String profileId);

    /**
     * Connects with these settings (saved secrets filled in where {@code secrets} has none), asks for the cluster's
     * overview and disconnects: the "Test connection" button. Fails with an operator-worded message.
     */
    CompletionStage<ClusterOverview> test(ConnectionProfile profile, Map<String, String> secrets);

    /** Where secrets go, for the dialog to say ("the OS keychain (...)", "memory only: ..."). */
    String secretsDescription();

    /** Whether secrets survive a restart (false: memory only, the operator may choose a master password). */
    boolean secretsPersist();

    /**
     * Moves secrets into a file encrypted with this master password (created if missing, else opened with it),
     * carrying over those kept in memory so far. Fails if the password does not open an existing file.
     */
    CompletionStage<Void> protectWithMasterPassword(char[] masterPassword);
}
