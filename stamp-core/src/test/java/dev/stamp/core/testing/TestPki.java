package dev.stamp.core.testing;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.store.Stores;

import java.security.SecureRandom;

/**
 * Core services over given stores (in-memory test doubles by default; other modules pass real databases), an
 * ephemeral key vault and a movable clock fixed at 2026-01-01.
 */
public final class TestPki {
    public static final CryptoProviders PROVIDERS = CryptoProviders.detect();

    public final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    public final Stores stores;
    public final EphemeralKeyVault vault = new EphemeralKeyVault(PROVIDERS, new SecureRandom());
    public final Pki pki;

    public TestPki() {
        this(new InMemoryStores().stores());
    }

    public TestPki(Stores stores) {
        this.stores = stores;
        this.pki = Pki.wire(stores, vault, PROVIDERS, clock, new SecureRandom(), new PublicEndpoints("http://pki.test"));
    }

    public CertificateAuthority root(KeyAlgorithm key) {
        return pki.authorities().createRoot(CreateCaRequest.of(CaType.ROOT, "CN=Test Root " + key + ",O=Stamp Tests", key),
                Validity.years(10), "test");
    }

    public CertificateAuthority subordinate(CertificateAuthority parent, KeyAlgorithm key, String template) {
        return pki.authorities().createSubordinate(CreateCaRequest.of(CaType.SUBORDINATE, "CN=Test Sub " + key + " " + parent.depth() + ",O=Stamp Tests", key),
                parent.id(), Template.named(template), Validity.years(5), "test");
    }
}
