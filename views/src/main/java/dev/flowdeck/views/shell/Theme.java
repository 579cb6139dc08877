package dev.flowdeck.views.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/** Light or dark, AtlantaFX's Primer pair; the app follows the OS until the operator picks one. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** Applies to every window of the app (JavaFX's user-agent stylesheet is global). FX thread only. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }

    public String stylesheet() {
        return stylesheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** What the OS prefers right now. */
    public static Theme ofPlatform() {
        return Platform.getPreferences().getColorScheme() == ColorScheme.DARK ? DARK : LIGHT;
    }
}
