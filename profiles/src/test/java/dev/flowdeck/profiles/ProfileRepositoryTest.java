package dev.flowdeck.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.core.profile.SecretProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileRepositoryTest {

    private static final String PASSWORD = "c0rrect-h0rse-battery";
    private static final String TRUSTSTORE_PASSWORD = "truststore-pass-4711";

    @TempDir
    Path configDir;

    @Test
    void savedProfilesComeBackWithTheirSecretsAndNoSecretTouchesTheDiskInPlainText() throws IOException {
        var store = EncryptedFileSecretStore.open(configDir, "master".toCharArray());
        var repository = new ProfileRepository(configDir, store);
        var profile = ConnectionProfile.kafka("prod-eu", "kafka-1:9093").withUsername("ops")
                .withProperties(Map.of("security.protocol", "SASL_SSL",
                        "ssl.truststore.password", TRUSTSTORE_PASSWORD));

        repository.save(profile, Map.of("password", PASSWORD));

        // A new session: a fresh repository over the same files, the store opened with the master password.
        var reopened = new ProfileRepository(configDir, EncryptedFileSecretStore.open(configDir, "master".toCharArray()));
        ConnectionProfile loaded = reopened.list().getFirst();
        assertThat(loaded.name()).isEqualTo("prod-eu");
        assertThat(loaded.clientProperties()).containsEntry("ssl.truststore.password", SecretProperties.IN_KEYCHAIN);
        var resolved = reopened.resolve(loaded);
        assertThat(resolved.credentials()).isEqualTo(new Credentials("ops", PASSWORD));
        assertThat(resolved.profile().clientProperties()).containsEntry("ssl.truststore.password", TRUSTSTORE_PASSWORD);

        assertNoSecretOnDisk(PASSWORD, TRUSTSTORE_PASSWORD);
    }

    @Test
    void anEditKeepsSecretsItDoesNotMentionAndAnEmptyOneDeletes() {
        var repository = new ProfileRepository(configDir, new SessionSecretStore());
        var saved = repository.save(ConnectionProfile.kafka("a", "k:9092").withUsername("u"), Map.of("password", "p1"));

        var renamed = new ConnectionProfile(saved.id(), "renamed", saved.kind(), saved.address(), saved.username(),
                true, true, false, saved.clientProperties());
        repository.save(renamed, Map.of());
        assertThat(repository.resolve(repository.list().getFirst()).credentials().password()).isEqualTo("p1");
        assertThat(repository.list().getFirst().readOnly()).isTrue();

        repository.save(renamed, Map.of("password", ""));
        assertThat(repository.resolve(repository.list().getFirst()).credentials().password()).isEmpty();
    }

    @Test
    void duplicatesWithSecretsAndDeletesWithThem() {
        var secrets = new SessionSecretStore();
        var repository = new ProfileRepository(configDir, secrets);
        var original = repository.save(ConnectionProfile.rabbitMq("mq", "amqp://mq:5672/").withUsername("ops"),
                Map.of("password", "p2"));

        var copy = repository.duplicate(original.id());
        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.name()).isEqualTo("mq (copy)");
        assertThat(repository.resolve(copy).credentials().password()).isEqualTo("p2");

        repository.delete(original.id());
        assertThat(repository.list()).extracting(ConnectionProfile::name).containsExactly("mq (copy)");
        assertThat(secrets.read(SecretProperties.key(original.id(), "password"))).isEmpty();
        assertThat(secrets.read(SecretProperties.key(copy.id(), "password"))).contains("p2");
    }

    @Test
    void theEncryptedFileRefusesAWrongMasterPassword() {
        EncryptedFileSecretStore.open(configDir, "right".toCharArray()).write("k", "v");

        assertThatThrownBy(() -> EncryptedFileSecretStore.open(configDir, "wrong".toCharArray()))
                .isInstanceOf(EncryptedFileSecretStore.WrongMasterPasswordException.class)
                .hasMessageStartingWith("The master password does not open the secrets file.");
        assertThat(EncryptedFileSecretStore.open(configDir, "right".toCharArray()).read("k")).contains("v");
    }

    @Test
    void aCorruptProfilesFileIsReportedAndLeftAlone() throws IOException {
        Files.writeString(configDir.resolve(ProfileRepository.FILE_NAME), "{ not json");
        var repository = new ProfileRepository(configDir, new SessionSecretStore());

        assertThatThrownBy(repository::list).hasMessageContaining("cannot be read").hasMessageContaining("will not overwrite");
        assertThat(Files.readString(configDir.resolve(ProfileRepository.FILE_NAME))).isEqualTo("{ not json");
    }

    /** Every file under the config directory, read as bytes: no secret in plain text, Base64 or hex. */
    private void assertNoSecretOnDisk(String... secrets) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(configDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
                assertThat(content).as(file.toString())
                        .doesNotContain(secret)
                        .doesNotContain(Base64.getEncoder().encodeToString(raw))
                        .doesNotContain(HexFormat.of().formatHex(raw));
            }
        }
    }

    @Test
    void maskingRulesAndTheRevealRightRoundTripThroughTheFile() {
        var masking = new MaskingSettings(List.of(MaskRule.parse("$.card.number mask"),
                MaskRule.parse("$..email hash"), MaskRule.parse("header Authorization remove")), true, true);
        var repository = new ProfileRepository(configDir, new SessionSecretStore());
        var saved = repository.save(ConnectionProfile.kafka("payments", "k:9092").withMasking(masking), Map.of());

        var reopened = new ProfileRepository(configDir, new SessionSecretStore()).list().getFirst();
        assertThat(reopened.masking()).isEqualTo(masking);
        assertThat(reopened).isEqualTo(saved);
        // Editing something else keeps the rules.
        assertThat(reopened.asReadOnly().masking()).isEqualTo(masking);
    }

    @Test
    void aProfileSavedBeforeMaskingExistedReadsAsNoRules() throws IOException {
        Files.writeString(configDir.resolve(ProfileRepository.FILE_NAME), """
                {"format":1,"profiles":[{"id":"p-1","name":"old","kind":"KAFKA","address":"k:9092",
                 "username":"","readOnly":false,"production":true,"clientProperties":{}}]}
                """);

        ConnectionProfile old = new ProfileRepository(configDir, new SessionSecretStore()).list().getFirst();

        assertThat(old.masking()).isEqualTo(MaskingSettings.NONE);
        assertThat(old.production()).isTrue();
        // And one without rules is written without a masking field, as before.
        new ProfileRepository(configDir, new SessionSecretStore()).save(old, Map.of());
        assertThat(Files.readString(configDir.resolve(ProfileRepository.FILE_NAME))).doesNotContain("masking");
    }

    @Test
    void theHashKeyLivesInTheSecretStoreAndStaysTheSameAcrossSessions() throws IOException {
        var store = EncryptedFileSecretStore.open(configDir, "master".toCharArray());
        var repository = new ProfileRepository(configDir, store);
        var profile = repository.save(ConnectionProfile.kafka("payments", "k:9092"), Map.of());
        byte[] email = "ada@example.com".getBytes(StandardCharsets.UTF_8);

        HashKey first = repository.maskingKey(profile);
        var nextSession = new ProfileRepository(configDir,
                EncryptedFileSecretStore.open(configDir, "master".toCharArray()));
        assertThat(nextSession.maskingKey(profile).hash(email)).isEqualTo(first.hash(email));
        assertNoSecretOnDisk(first.text());

        var copy = repository.duplicate(profile.id());
        assertThat(repository.maskingKey(copy).hash(email)).isNotEqualTo(first.hash(email));
        repository.delete(profile.id());
        assertThat(store.read(SecretProperties.key(profile.id(), ProfileRepository.HASH_KEY))).isEmpty();
    }
}
