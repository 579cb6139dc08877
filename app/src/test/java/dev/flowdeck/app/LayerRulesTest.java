package dev.flowdeck.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of ARCHITECTURE.md, checked on the compiled classes of every module. The module poms already
 * keep the forbidden jars off each compile class path; this catches what a pom change would let through. The
 * command line ({@code cli}) is not on this class path: no layer may reach up to it, and its own rules are in its
 * module's {@code CliLayerRulesTest}.
 */
class LayerRulesTest {

    private static final String[] BROKER_CLIENTS = {"org.apache.kafka..", "kafka..", "com.rabbitmq.."};
    private static final String[] UI = {"javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flowdeck");

    @Test
    void coreSeesNeitherJavaFxNorABrokerClientNorAnyOtherLayer() {
        noClasses().that().resideInAPackage("dev.flowdeck.core..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.replay..", "dev.flowdeck.views..", "dev.flowdeck.sandbox..", "dev.flowdeck.app..",
                        "dev.flowdeck.cli..", "dev.flowdeck.store..", "dev.flowdeck.profiles..", "dev.flowdeck.schemas..")
                .check(classes);
    }

    @Test
    void theLocalStoreSeesOnlyCoreAndProfiles() {
        noClasses().that().resideInAPackage("dev.flowdeck.store..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.replay..", "dev.flowdeck.views..", "dev.flowdeck.sandbox..", "dev.flowdeck.app..",
                        "dev.flowdeck.cli..")
                .check(classes);
    }

    @Test
    void replayEngineSeesNeitherJavaFxNorABrokerClient() {
        noClasses().that().resideInAPackage("dev.flowdeck.replay..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.views..", "dev.flowdeck.sandbox..", "dev.flowdeck.app..", "dev.flowdeck.cli..",
                        "dev.flowdeck.replayconnect..")
                // The engine gets its first classes with the replay issue; the rule is in force from day one.
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void replayAdaptersSeeOnlyCoreAndTheEngine() {
        noClasses().that().resideInAPackage("dev.flowdeck.replayconnect..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.views..", "dev.flowdeck.sandbox..", "dev.flowdeck.app..", "dev.flowdeck.cli..",
                        "dev.flowdeck.store..", "dev.flowdeck.profiles..")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootsAndTheSandboxSeeTheOpenTelemetrySdk() {
        noClasses().that().resideInAnyPackage("dev.flowdeck.core..", "dev.flowdeck.replay..",
                        "dev.flowdeck.replayconnect..", "dev.flowdeck.connectors..", "dev.flowdeck.store..",
                        "dev.flowdeck.profiles..", "dev.flowdeck.views..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry.sdk..",
                        "io.opentelemetry.exporter..")
                .because("Flowdeck's own telemetry is the API in the layers and the SDK in the telemetry module the "
                        + "app and the command line share (decision 0019)")
                .check(classes);
    }

    @Test
    void viewsSeeNoOpenTelemetryAtAll() {
        noClasses().that().resideInAPackage("dev.flowdeck.views..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                .because("the app wraps the connections it hands to view models; they trace without knowing")
                .check(classes);
    }

    @Test
    void viewsNeverSeeABrokerClientOrAConnector() {
        noClasses().that().resideInAPackage("dev.flowdeck.views..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.sandbox..", "dev.flowdeck.app..", "dev.flowdeck.cli..", "dev.flowdeck.store..",
                        "dev.flowdeck.replayconnect..")
                .check(classes);
    }

    @Test
    void viewModelsHoldStateNotControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
                .check(classes);
    }

    @Test
    void connectorsKnowNothingOfTheUi() {
        noClasses().that().resideInAPackage("dev.flowdeck.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.views..", "dev.flowdeck.app..",
                        "dev.flowdeck.cli..", "dev.flowdeck.store..", "dev.flowdeck.replay..",
                        "dev.flowdeck.replayconnect..")
                .check(classes);
    }

    @Test
    void schemasSeeOnlyCoreAndTheirLibraries() {
        noClasses().that().resideInAPackage("dev.flowdeck.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage(BROKER_CLIENTS)
                .orShould().dependOnClassesThat().resideInAnyPackage(UI)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.flowdeck.connectors..",
                        "dev.flowdeck.views..", "dev.flowdeck.sandbox..", "dev.flowdeck.app..", "dev.flowdeck.cli..",
                        "dev.flowdeck.store..", "dev.flowdeck.profiles..", "dev.flowdeck.replay..",
                        "dev.flowdeck.replayconnect..", "dev.flowdeck.telemetry..", "io.opentelemetry..")
                .check(classes);
    }

    @Test
    void avroAndProtobufStayInTheSchemasModule() {
        noClasses().that().resideOutsideOfPackage("dev.flowdeck.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "com.google.protobuf..",
                        "com.networknt..")
                .because("every layer sees schema-read values through core's ValueDecoder, DecodedValue and "
                        + "SchemaAccess")
                .check(classes);
    }
}
