package dev.flowdeck.views.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsFormTest {

    @Test
    void emptyFieldsMeanOffAndNoLink() {
        var form = new SettingsForm(Settings.NONE);

        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(form.settings()).isEqualTo(Settings.NONE);
    }

    @Test
    void showsWhatIsSavedAndReadsWhatIsTyped() {
        var form = new SettingsForm(new Settings(Optional.of(URI.create("http://collector:4318/v1/traces")),
                Optional.empty()));
        assertThat(form.otlpEndpointProperty().get()).isEqualTo("http://collector:4318/v1/traces");

        form.traceUrlTemplateProperty().set("  https://tempo.example/trace/{traceId} ");

        assertThat(form.settings()).isEqualTo(new Settings(Optional.of(URI.create("http://collector:4318/v1/traces")),
                Optional.of("https://tempo.example/trace/{traceId}")));
    }

    @Test
    void anEndpointThatIsNoHttpAddressOrATemplateWithoutTheIdIsRefusedInASentence() {
        var form = new SettingsForm(Settings.NONE);

        form.otlpEndpointProperty().set("localhost:4318");
        assertThat(form.problemProperty().get()).startsWith("The OTLP endpoint is an http:// or https:// address");
        form.otlpEndpointProperty().set("http://exa mple");
        assertThat(form.problemProperty().get()).startsWith("The OTLP endpoint is not an address");
        assertThatThrownBy(form::settings).isInstanceOf(IllegalStateException.class);

        form.otlpEndpointProperty().set("");
        form.traceUrlTemplateProperty().set("http://jaeger/trace/");
        assertThat(form.problemProperty().get()).contains("{traceId}");
    }
}
