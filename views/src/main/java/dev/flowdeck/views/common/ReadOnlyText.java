package dev.flowdeck.views.common;

import javafx.scene.control.TextArea;

/** Text an operator reads, selects and copies but does not edit: payloads, stack traces, dry runs. */
public final class ReadOnlyText {

    private ReadOnlyText() {
    }

    /** Monospaced and unwrapped, so JSON, hex dumps and stack traces keep their columns. */
    public static TextArea monospace(String id) {
        var area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(false);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }
}
