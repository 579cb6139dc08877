package dev.flowdeck.profiles;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.profile.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one file encrypted with a key derived from the operator's master password: where no OS keychain is
 * available. AES-256-GCM (authenticated: a wrong password or a tampered file is detected, never decrypted to
 * garbage), the key from PBKDF2-HMAC-SHA256 with a random salt; a fresh IV on every write. The whole secret map
 * is one ciphertext, so not even the names of the secrets show.
 */
public final class EncryptedFileSecretStore implements SecretStore {

    static final String FILE_NAME = "secrets.enc";
    private static final int ITERATIONS = 210_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The file as stored: everything but {@code data} is public. */
    record Envelope(int format, String kdf, int iterations, String salt, String iv, String data) {
    }

    private final Path file;
    private final SecretKey key;
    private final byte[] salt;
    private final Map<String, String> secrets;

    private EncryptedFileSecretStore(Path file, SecretKey key, byte[] salt, Map<String, String> secrets) {
        this.file = file;
        this.key = key;
        this.salt = salt;
        this.secrets = secrets;
    }

    /**
     * Opens the store in {@code configDir}, creating it on first use with this master password. The password is
     * cleared from the array once the key is derived.
     *
     * @throws WrongMasterPasswordException if the file exists and the password does not open it
     */
    public static EncryptedFileSecretStore open(Path configDir, char[] masterPassword) {
        Path file = configDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] salt = randomBytes(16);
                var store = new EncryptedFileSecretStore(file, derive(masterPassword, salt, ITERATIONS), salt,
                        new HashMap<>());
                store.save();
                return store;
            }
            Envelope envelope = JSON.readValue(file.toFile(), Envelope.class);
            byte[] salt = Base64.getDecoder().decode(envelope.salt());
            SecretKey key = derive(masterPassword, salt, envelope.iterations());
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(envelope.iv())));
            byte[] plain = cipher.doFinal(Base64.getDecoder().decode(envelope.data()));
            Map<String, String> secrets = JSON.readValue(plain, new TypeReference<HashMap<String, String>>() { });
            Arrays.fill(plain, (byte) 0);
            return new EncryptedFileSecretStore(file, key, salt, secrets);
        } catch (AEADBadTagException e) {
            throw new WrongMasterPasswordException();
        } catch (IOException e) {
            throw new UncheckedIOException("The secrets file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime lacks AES-GCM or PBKDF2: " + e.getMessage(), e);
        } finally {
            Arrays.fill(masterPassword, '\0');
        }
    }

    public static boolean existsIn(Path configDir) {
        return Files.exists(configDir.resolve(FILE_NAME));
    }

    @Override
    public synchronized Optional<String> read(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public synchronized void write(String name, String secret) {
        secrets.put(name, secret);
        save();
    }

    @Override
    public synchronized void delete(String name) {
        if (secrets.remove(name) != null) {
            save();
        }
    }

    @Override
    public String description() {
        return "a file encrypted with your master password (" + file + ")";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private void save() {
        try {
            byte[] iv = randomBytes(12);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] plain = JSON.writeValueAsBytes(secrets);
            byte[] sealed = cipher.doFinal(plain);
            Arrays.fill(plain, (byte) 0);
            var envelope = new Envelope(1, "PBKDF2WithHmacSHA256", ITERATIONS,
                    Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(iv),
                    Base64.getEncoder().encodeToString(sealed));
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException("The secrets file " + file + " cannot be written: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encrypting the secrets failed: " + e.getMessage(), e);
        }
    }

    private static SecretKey derive(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        var spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(raw, "AES");
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The master password does not open the secrets file. */
    public static final class WrongMasterPasswordException extends RuntimeException {
        WrongMasterPasswordException() {
            super("The master password does not open the secrets file. Try again; if it is lost, delete "
                    + FILE_NAME + " in the settings folder and enter the profiles' passwords anew.");
        }
    }
}
