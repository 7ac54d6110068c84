package dev.stamp.cli;

import dev.stamp.core.token.ApiTokens;

import dev.stamp.core.Pki;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.KeyVault;
import dev.stamp.core.vault.Pkcs11Config;
import dev.stamp.core.vault.Pkcs11KeyVault;
import dev.stamp.core.vault.Pkcs11Slot;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.core.vault.VaultRekey;
import dev.stamp.core.vault.WrappedKeyStore;
import dev.stamp.core.token.AccessKeys;
import dev.stamp.server.config.ServerSettings;
import dev.stamp.core.ocsp.OcspSettings;
import dev.stamp.store.Database;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * An opened data directory: its settings, database, key vault and the core services wired over them.
 * The CLI's composition root; close it to release the database.
 */
final class StampHome implements AutoCloseable {
    static final String KEY_FILE = "vault.key";
    static final String PIN_VARIABLE = "STAMP_PKCS11_PIN";
    static final String DATABASE_PASSWORD_VARIABLE = "STAMP_DATABASE_PASSWORD";

    private final Path dir;
    private HomeConfig config;
    private final Database database;
    private final Pki pki;
    private final SecureRandom random;
    private final InstantSource clock = Clock.systemUTC();

    private StampHome(Path dir, HomeConfig config, Database database, KeyVault vault, CryptoProviders providers, SecureRandom random,
                      OcspSettings ocsp) {
        this.dir = dir;
        this.config = config;
        this.database = database;
        this.random = random;
        String url = config.get(HomeConfig.PUBLIC_URL).orElse(PublicEndpoints.DEFAULT_BASE);
        this.pki = Pki.wire(database.stores(), vault, providers, clock, random, new PublicEndpoints(url), ocsp);
    }

    /** Opens an initialised data directory. */
    static StampHome open(GlobalOptions global) {
        return open(global, null, OcspSettings.defaults());
    }

    /**
     * Opens an initialised data directory, with the database {@code database} names (from the server's config file)
     * in place of the directory's own settings where it sets them; null for the directory's. The OCSP responder runs
     * with {@code ocsp}.
     */
    static StampHome open(GlobalOptions global, ServerSettings.Database database, OcspSettings ocsp) {
        Path dir = global.dataDir();
        return open(dir, HomeConfig.load(dir), global, database, ocsp);
    }

    /** Creates a data directory (refusing one that is initialised already), its database and key vault. */
    static StampHome initialise(GlobalOptions global, VaultOptions vault, String databaseUrl, String publicUrl) {
        return initialise(global, vault, databaseUrl, publicUrl, null, OcspSettings.defaults());
    }

    /** As above, the database reached with the user and password file of {@code database} when it names them. */
    static StampHome initialise(GlobalOptions global, VaultOptions vault, String databaseUrl, String publicUrl, ServerSettings.Database database,
                                OcspSettings ocsp) {
        Path dir = global.dataDir();
        if (HomeConfig.exists(dir)) {
            throw new UserError("data directory " + dir.toAbsolutePath() + " is initialised already; refusing to initialise it twice");
        }
        try {
            if (!Files.exists(dir)) {
                // Only its owner needs the data directory: it holds the database and, by default, the vault's key file.
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isWritable(dir)) throw new AccessDeniedException(dir.toString());
        } catch (IOException e) {
            throw new UserError("cannot create data directory " + dir.toAbsolutePath() + ": " + describe(e));
        }
        if (publicUrl != null) new PublicEndpoints(publicUrl); // validate before anything is written
        HomeConfig config = new HomeConfig(dir, new java.util.Properties());
        if (databaseUrl != null) config = config.with(HomeConfig.DATABASE_URL, databaseUrl);
        if (database != null && database.user() != null) config = config.with(HomeConfig.DATABASE_USER, database.user());
        if (publicUrl != null) config = config.with(HomeConfig.PUBLIC_URL, publicUrl);
        switch (vault.kind) {
            case "software" -> config = config.with(HomeConfig.VAULT, "software");
            case "pkcs11" -> {
                if (vault.library == null) throw new UserError("--key-vault pkcs11 needs --pkcs11-library");
                config = config.with(HomeConfig.VAULT, "pkcs11").with(HomeConfig.PKCS11_LIBRARY, vault.library.toAbsolutePath().toString());
                if (vault.slotId != null) config = config.with(HomeConfig.PKCS11_SLOT_ID, vault.slotId.toString());
                else config = config.with(HomeConfig.PKCS11_SLOT_INDEX, vault.slotIndex == null ? "0" : vault.slotIndex.toString());
                if (vault.pinFile != null) config = config.with(HomeConfig.PKCS11_PIN_FILE, vault.pinFile.toAbsolutePath().toString());
            }
            default -> throw new UserError("--key-vault must be software or pkcs11, not '" + vault.kind + "'");
        }
        StampHome home = open(dir, config, global, database, ocsp);
        try {
            config.save();
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
        return home;
    }

    /**
     * Changes the software vault's key-encryption key to {@code next} ({@link VaultRekey}), unlocking it with the
     * current one from the usual sources. Every server using the vault should be stopped: see VaultRekey.
     */
    static WrappedKeyStore.Rekeyed rekeyVault(GlobalOptions global, KeyEncryptionKey next) {
        Path dir = global.dataDir();
        HomeConfig config = HomeConfig.load(dir);
        if (!config.get(HomeConfig.VAULT).orElse("software").equals("software")) {
            throw new UserError("the key vault of " + dir + " is a PKCS#11 token: its keys never leave the token and no"
                    + " key-encryption key protects them; change the token's PIN with its own tools");
        }
        try (Database database = database(dir, config, null)) {
            return VaultRekey.run(database.stores().keys(), kek(dir, global), next, new SecureRandom(), InstantSource.system(), "cli");
        }
    }

    private static Database database(Path dir, HomeConfig config, ServerSettings.Database override) {
        ServerSettings.Database db = override == null ? new ServerSettings.Database(null, null, null) : override;
        String user = db.user() != null ? db.user() : config.get(HomeConfig.DATABASE_USER).orElse(null);
        return Optional.ofNullable(db.url()).or(() -> config.get(HomeConfig.DATABASE_URL))
                .map(url -> Database.open(url, user, db.passwordFile() != null ? password(db.passwordFile()) : System.getenv(DATABASE_PASSWORD_VARIABLE)))
                .orElseGet(() -> Database.sqlite(dir));
    }

    private static StampHome open(Path dir, HomeConfig config, GlobalOptions global, ServerSettings.Database override, OcspSettings ocsp) {
        CryptoProviders providers = CryptoProviders.named(global.cryptoProvider == null ? "auto" : global.cryptoProvider);
        SecureRandom random = new SecureRandom();
        Database database = database(dir, config, override);
        try {
            KeyVault vault = switch (config.get(HomeConfig.VAULT).orElse("software")) {
                case "pkcs11" -> Pkcs11KeyVault.open(pkcs11(config), random);
                default -> SoftwareKeyVault.open(database.stores().keys(), kek(dir, global), providers, random);
            };
            return new StampHome(dir, config, database, vault, providers, random, ocsp);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The database password from its file (first line, without the line break); never logged. */
    private static String password(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UserError("cannot read the database password file " + file + ": " + describe(e));
        }
    }

    /** A passphrase file, else $STAMP_PASSPHRASE, else the data directory's generated key file (development default). */
    private static KeyEncryptionKey kek(Path dir, GlobalOptions global) {
        if (global.passphraseFile != null) return KeyEncryptionKey.passphraseFile(global.passphraseFile);
        String env = System.getenv(KeyEncryptionKey.PASSPHRASE_VARIABLE);
        if (env != null && !env.isEmpty()) return KeyEncryptionKey.passphraseFromEnvironment(System.getenv());
        return KeyEncryptionKey.keyFile(dir.resolve(KEY_FILE));
    }

    private static Pkcs11Config pkcs11(HomeConfig config) {
        Path library = Path.of(config.get(HomeConfig.PKCS11_LIBRARY).orElseThrow(() -> new UserError("pkcs11.library is missing from " + HomeConfig.FILE)));
        Pkcs11Slot slot = config.get(HomeConfig.PKCS11_SLOT_ID).<Pkcs11Slot>map(id -> new Pkcs11Slot.Id(Long.parseLong(id)))
                .orElseGet(() -> new Pkcs11Slot.ListIndex(Integer.parseInt(config.get(HomeConfig.PKCS11_SLOT_INDEX).orElse("0"))));
        char[] pin;
        var pinFile = config.get(HomeConfig.PKCS11_PIN_FILE);
        if (pinFile.isPresent()) {
            pin = KeyEncryptionKey.passphraseFile(Path.of(pinFile.get())).value();
        } else {
            String env = System.getenv(PIN_VARIABLE);
            if (env == null || env.isEmpty()) throw new UserError("the PKCS#11 PIN is needed: set " + PIN_VARIABLE + " or init with --pkcs11-pin-file");
            pin = env.toCharArray();
        }
        return new Pkcs11Config(library, slot, pin, "stamp-");
    }

    Path dir() { return dir; }
    ApiTokens apiTokens() { return new ApiTokens(database.apiTokens(), pki.stores().audit(), clock, random); }
    AccessKeys accessKeys() { return new AccessKeys(database.accessKeys(), pki.vault(), pki.stores().audit(), clock, random); }
    static boolean initialised(GlobalOptions global) { return HomeConfig.exists(global.dataDir()); }
    Pki pki() { return pki; }
    SecureRandom random() { return random; }
    InstantSource clock() { return clock; }

    String defaultCaId() {
        return config.get(HomeConfig.DEFAULT_CA).orElse(null);
    }

    void setDefaultCa(String id) {
        config = config.with(HomeConfig.DEFAULT_CA, id);
        config.save();
    }

    /** A CA by id or by a unique id prefix of at least 4 characters. */
    CertificateAuthority ca(String idOrPrefix) {
        if (idOrPrefix.length() >= 36) return pki.authorities().get(idOrPrefix);
        if (idOrPrefix.length() < 4) throw new UserError("CA '" + idOrPrefix + "': give the id or at least its first 4 characters");
        List<CertificateAuthority> matches = pki.authorities().list().stream().filter(c -> c.id().startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) throw StampException.notFound("no certificate authority has an id starting with '" + idOrPrefix + "'");
        if (matches.size() > 1) throw new UserError("CA '" + idOrPrefix + "' is ambiguous: " + matches.stream().map(CertificateAuthority::id).toList());
        return pki.authorities().get(matches.getFirst().id());
    }

    CertificateAuthority caOrDefault(String idOrPrefix) {
        if (idOrPrefix != null) return ca(idOrPrefix);
        String def = defaultCaId();
        if (def == null) throw new UserError("no default CA is set: pass --ca CA (see 'stamp ca list')");
        return pki.authorities().get(def);
    }

    @Override
    public void close() {
        database.close();
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }
}
