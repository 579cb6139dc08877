package dev.flowdeck.views.mask;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskedField;
import dev.flowdeck.core.mask.MaskedMessage;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.RevealLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One profile's masking as the views apply it: to each row as it is drawn, to the detail pane, copies and exports.
 * The profile's hash key is read from the secret store off the UI thread; until it is there, hashed values show as
 * masked (never raw). A reveal is recorded in the audit log first, and only then shown.
 *
 * <p>Thread-safe: the table applies it on the UI thread, exports on their own.
 */
public final class ProfileMasking {

    /** No masking: what a browser shows without a profile's rules (and in tests that are not about masking). */
    public static final ProfileMasking NONE = new ProfileMasking(null, Masking.NONE, RevealLog.REFUSED, Runnable::run);

    private final ConnectionProfile profile;
    private final RevealLog reveals;
    private final Executor background;
    private volatile Masking masking;

    private ProfileMasking(ConnectionProfile profile, Masking masking, RevealLog reveals, Executor background) {
        this.profile = profile;
        this.masking = masking;
        this.reveals = reveals;
        this.background = background;
    }

    /**
     * @param key        the profile's hash key as it is being read (only asked for when a rule hashes)
     * @param reveals    where reveals are recorded (the audit log in the app)
     * @param background records reveals (an audit log writes with fsync)
     */
    public static ProfileMasking of(ConnectionProfile profile, CompletionStage<HashKey> key, RevealLog reveals,
                                    Executor background) {
        var shown = new ProfileMasking(profile, Masking.of(profile.masking(), null), reveals, background);
        if (profile.masking().active() && profile.masking().hashes()) {
            key.thenAccept(known -> shown.masking = Masking.of(profile.masking(), known));
        }
        return shown;
    }

    /** The profile's rules with a key made for this session: hashes correlate within it, not across sessions. */
    public static ProfileMasking forSession(ConnectionProfile profile) {
        return of(profile, CompletableFuture.completedFuture(HashKey.random()), RevealLog.REFUSED, Runnable::run);
    }

    public Masking masking() {
        return masking;
    }

    public boolean active() {
        return masking.active();
    }

    /** The message as the operator may see it. */
    public MaskedMessage apply(BrowsedMessage message) {
        return masking.apply(message);
    }

    /** Whether the profile lets its operator reveal one masked field at a time. */
    public boolean mayReveal() {
        return profile != null && profile.masking().mayReveal() && reveals != RevealLog.REFUSED;
    }

    /**
     * The raw value of one masked field of {@code raw} (the message as read), once the reveal is in the audit log.
     * Fails with a sentence when the profile does not allow it, the log cannot keep it, or the field is no longer
     * in the message as held (a cut value: load it whole first).
     */
    public CompletionStage<String> reveal(BrowsedMessage raw, MaskedField field) {
        if (!mayReveal()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "This profile does not allow revealing masked fields: an administrator of the profile may turn "
                            + "it on in its settings."));
        }
        return CompletableFuture.supplyAsync(() -> {
            Optional<String> value = masking.reveal(raw, field);
            if (value.isEmpty()) {
                throw new IllegalStateException("The field " + field.spoken() + " is not in the part of the message "
                        + "loaded: load the whole message, then reveal it.");
            }
            reveals.record(new RevealLog.Reveal(profile.name(), raw.destination(), raw.partition(), raw.offset(),
                    field.spoken()));
            return value.get();
        }, background);
    }
}
