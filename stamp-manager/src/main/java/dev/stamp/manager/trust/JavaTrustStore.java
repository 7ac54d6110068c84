package dev.stamp.manager.trust;

import dev.stamp.manager.files.AtomicFiles;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Objects;

/**
 * A Java truststore file (the JDK's {@code lib/security/cacerts}, or an application's own), PKCS12 or JKS. The root
 * goes in as a trusted-certificate entry under {@code stamp-<16 hex>}; the file is rewritten atomically and keeps
 * its type and permissions, and a symbolic link stays a link to the rewritten file. A missing file is created (PKCS12) by install only when the store was given explicitly.
 */
final class JavaTrustStore implements TrustStore {
    private final Path file;
    private final char[] password;
    private final boolean createIfAbsent;

    JavaTrustStore(Path file, String password, boolean createIfAbsent) {
        this.file = Objects.requireNonNull(file);
        this.password = Objects.requireNonNull(password, "password").toCharArray();
        this.createIfAbsent = createIfAbsent;
    }

    @Override
    public StoreKind kind() {
        return StoreKind.JAVA;
    }

    @Override
    public String name() {
        return "java " + file;
    }

    @Override
    public Status check(TrustRoot root) {
        if (!Files.exists(file)) return new Status.Absent("no truststore " + file);
        KeyStore store = load();
        String alias = find(store, root);
        return alias == null ? new Status.NotTrusted("not in " + file) : new Status.Trusted("alias " + alias + " in " + file);
    }

    @Override
    public Change install(TrustRoot root) {
        boolean exists = Files.exists(file);
        if (!exists && !createIfAbsent) return new Change.Absent("no truststore " + file);
        KeyStore store = exists ? load() : empty();
        String alias = find(store, root);
        if (alias != null) {
            return new Change.Unchanged((alias.equals(root.alias()) ? "installed already as " : "trusted already as ") + "alias " + alias + " in " + file);
        }
        try {
            store.setCertificateEntry(root.alias(), root.certificate());
        } catch (GeneralSecurityException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot add " + root.alias() + " to " + file + ": " + e.getMessage(), e);
        }
        save(store);
        return new Change.Added("alias " + root.alias() + " in " + file + " (" + store.getType() + ")");
    }

    @Override
    public Change uninstall(TrustRoot root) {
        if (!Files.exists(file)) return new Change.Absent("no truststore " + file);
        KeyStore store = load();
        try {
            if (!store.isCertificateEntry(root.alias()) || !root.sameAs(store.getCertificate(root.alias()))) {
                String other = find(store, root);
                return new Change.Unchanged("nothing of Stamp's: no alias " + root.alias() + " in " + file
                        + (other == null ? "" : " (the root is there as alias " + other + ", not Stamp's)"));
            }
            store.deleteEntry(root.alias());
        } catch (GeneralSecurityException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot remove " + root.alias() + " from " + file + ": " + e.getMessage(), e);
        }
        save(store);
        String other = find(store, root);
        return new Change.Removed("alias " + root.alias() + " from " + file + (other == null ? "" : "; the root is still there as alias " + other));
    }

    /** The alias of a trusted-certificate entry holding the root: Stamp's own first, else any. */
    private String find(KeyStore store, TrustRoot root) {
        try {
            if (store.isCertificateEntry(root.alias()) && root.sameAs(store.getCertificate(root.alias()))) return root.alias();
            for (String alias : Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(alias);
                if (store.isCertificateEntry(alias) && root.sameAs(c)) return alias;
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot read truststore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the file in whichever type it is (the JDK probes PKCS12 and JKS). */
    private KeyStore load() {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw StampException.invalidArgument("wrong password for truststore " + file);
            }
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot read truststore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot read truststore " + file + " (not PKCS12 or JKS?): " + e.getMessage(), e);
        }
    }

    private KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void save(KeyStore store) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            // Through a link to the real file: Debian's JDK cacerts is a link to /etc/ssl/certs/java/cacerts, and
            // replacing the link by a copy would cut the JDK off from the system's later updates.
            Path target = Files.exists(file) ? file.toRealPath() : file;
            // A truststore holds no secret: a new one is readable by the services that need it, like the JDK's.
            var permissions = Files.exists(target) ? AtomicFiles.permissions(target) : AtomicFiles.SHARED;
            AtomicFiles.write(target, bytes.toByteArray(), permissions);
        } catch (IOException | GeneralSecurityException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot write truststore " + file + ": " + e.getMessage(), e);
        }
    }
}
