package dev.flowdeck.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line's place in the layers (ARCHITECTURE.md): it composes core, the connectors and the profiles like
 * the app does, and never needs the UI. Checked here because the app's LayerRulesTest does not see this module.
 */
class CliLayerRulesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flowdeck.cli");

    @Test
    void theCommandLineNeedsNoUiNorTheSandbox() {
        noClasses().that().resideInAPackage("dev.flowdeck.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp..")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.views..", "dev.flowdeck.app..",
                        "dev.flowdeck.sandbox..")
                .check(classes);
    }

    @Test
    void onlyTheReplayCommandSeesTheReplayEngineAndItsAdapters() {
        noClasses().that().resideInAPackage("dev.flowdeck.cli..")
                .and().doNotHaveSimpleName("ReplayCommand").and().doNotHaveSimpleName("ReplayReportJson")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.replay..",
                        "dev.flowdeck.replayconnect..")
                .because("the command line replays through the desktop's replay job (Replays), not by wiring the "
                        + "engine itself")
                .check(classes);
    }

    @Test
    void onlyTheExportsSeeOpenTelemetry() {
        noClasses().that().resideInAPackage("dev.flowdeck.cli..")
                .and().doNotHaveSimpleName("LagMetrics").and().doNotHaveSimpleName("SampleMetricReader")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                .because("the lag watch's metrics are the place the command line speaks OpenTelemetry itself "
                        + "(the scans' spans are the telemetry module's)")
                .check(classes);
    }

    @Test
    void brokerClientsStayInTheConnectors() {
        noClasses().that().resideInAPackage("dev.flowdeck.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.rabbitmq..")
                .check(classes);
    }

    @Test
    void schemaLibrariesStayBehindTheSchemasModule() {
        noClasses().that().resideInAPackage("dev.flowdeck.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "com.google.protobuf..")
                .check(classes);
    }
}
