package dev.flowdeck.views.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings dialog's fields and what is wrong with them, as a sentence, before anything is saved: an endpoint
 * must be an http(s) address, a link template must say where the trace id goes.
 */
public final class SettingsForm {

    private final StringProperty otlpEndpoint = new SimpleStringProperty("");
    private final StringProperty traceUrlTemplate = new SimpleStringProperty("");
    private final StringBinding problem = Bindings.createStringBinding(this::check, otlpEndpoint, traceUrlTemplate);

    public SettingsForm(Settings current) {
        otlpEndpoint.set(current.otlpEndpoint().map(URI::toString).orElse(""));
        traceUrlTemplate.set(current.traceUrlTemplate().orElse(""));
    }

    public StringProperty otlpEndpointProperty() {
        return otlpEndpoint;
    }

    public StringProperty traceUrlTemplateProperty() {
        return traceUrlTemplate;
    }

    /** What is wrong, in a sentence; empty when the settings can be saved. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** The settings as typed. @throws IllegalStateException while {@link #problemProperty()} says something */
    public Settings settings() {
        String wrong = check();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(wrong);
        }
        String endpoint = otlpEndpoint.get().strip();
        String template = traceUrlTemplate.get().strip();
        return new Settings(endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                template.isEmpty() ? Optional.empty() : Optional.of(template));
    }

    private String check() {
        String endpoint = otlpEndpoint.get().strip();
        if (!endpoint.isEmpty()) {
            try {
                URI uri = new URI(endpoint);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    return "The OTLP endpoint is an http:// or https:// address, such as "
                            + "http://localhost:4318/v1/traces.";
                }
            } catch (URISyntaxException e) {
                return "The OTLP endpoint is not an address: " + e.getReason() + ".";
            }
        }
        String template = traceUrlTemplate.get().strip();
        if (!template.isEmpty() && !template.contains("{traceId}")) {
            return "The tracing UI link needs {traceId} where the trace id goes, such as "
                    + "http://localhost:16686/trace/{traceId}.";
        }
        return "";
    }
}
