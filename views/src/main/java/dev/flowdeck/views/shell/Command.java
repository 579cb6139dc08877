package dev.flowdeck.views.shell;

import java.util.Objects;
import java.util.Optional;
import javafx.scene.input.KeyCombination;

/**
 * Something the operator can do from anywhere in the window: a view to go to, a destination to open, an action.
 * The command palette lists them, the shortcut sheet shows their keys, and the window binds the keys, all from the
 * one list, so none of the three can drift from the others.
 *
 * @param name     what the operator reads and types ("Go to consumer lag", "Open orders")
 * @param group    where the palette and the sheet file it ("Views", "Destinations", "Actions")
 * @param shortcut its key, if it has one
 * @param run      what it does; runs on the FX thread
 */
public record Command(String name, String group, Optional<KeyCombination> shortcut, Runnable run) {

    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(shortcut, "shortcut");
        Objects.requireNonNull(run, "run");
    }

    public static Command of(String name, String group, Runnable run) {
        return new Command(name, group, Optional.empty(), run);
    }

    public static Command of(String name, String group, String shortcut, Runnable run) {
        return new Command(name, group, Optional.of(KeyCombination.keyCombination(shortcut)), run);
    }

    /** The key as this platform writes it ("Ctrl+K", "⌘K"), or empty. */
    public String keyText() {
        return shortcut.map(KeyCombination::getDisplayText).orElse("");
    }
}
