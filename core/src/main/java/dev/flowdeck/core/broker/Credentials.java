package dev.flowdeck.core.broker;

/**
 * A user name and its secret, held in memory only for as long as a connection needs them. They come from the OS
 * keychain (or the operator) and are never written to a profile.
 */
public record Credentials(String username, String password) {

    public static final Credentials NONE = new Credentials("", "");

    public boolean isPresent() {
        return !username.isEmpty();
    }

    /** Never prints the password, so a log line or an exception message cannot leak it. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
