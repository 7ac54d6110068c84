package dev.stamp.cli;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.store.Database;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads issue 2,000 certificates from one CA over real SQLite and the software vault. */
class ConcurrentIssuanceIT {
    @TempDir Path tmp;

    @Test
    void eightThreadsIssuingTwoThousandCertificatesYieldDistinctStoredVerifyingCertificates() throws Exception {
        CryptoProviders providers = CryptoProviders.detect();
        SecureRandom random = new SecureRandom();
        try (Database db = Database.sqlite(tmp)) {
            var vault = SoftwareKeyVault.open(db.stores().keys(), KeyEncryptionKey.keyFile(tmp.resolve("vault.key")), providers, random);
            Pki pki = Pki.wire(db.stores(), vault, providers, Clock.systemUTC(), random, new PublicEndpoints(PublicEndpoints.DEFAULT_BASE));
            CertificateAuthority ca = pki.authorities().createRoot(
                    CreateCaRequest.of(CaType.ROOT, "CN=Concurrency Root", KeyAlgorithm.EC_prime256v1), Validity.years(1), "test");
            byte[][] csrs = new byte[16][];
            for (int i = 0; i < csrs.length; i++) csrs[i] = Csrs.csr(Csrs.p256(), "CN=leaf" + i, "leaf" + i + ".example.net");
            PublicKey caKey = new JcaX509CertificateConverter().getCertificate(ca.certificate()).getPublicKey();

            Set<BigInteger> serials = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        var converter = new JcaX509CertificateConverter();
                        for (int i = 0; i < 250; i++) {
                            IssuedCertificate c = pki.issuance().issue(IssueRequest.of(ca.id(), csrs[(thread * 250 + i) % csrs.length],
                                    Template.named("EndEntityCertificate/V1"), Validity.days(30)));
                            converter.getCertificate(c.certificate()).verify(caKey);
                            serials.add(c.certificate().getSerialNumber());
                        }
                        return 250;
                    }));
                }
                for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(250);
            } finally {
                pool.shutdownNow();
            }

            assertThat(serials).hasSize(2000);
            assertThat(db.stores().certificates().count(ca.id())).isEqualTo(2001); // and the root's own certificate
            for (BigInteger serial : serials) {
                assertThat(db.stores().certificates().find(ca.id(), serial)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(CertificateState.ISSUED));
            }
            var head = db.stores().audit().head();
            assertThat(dev.stamp.core.audit.AuditChain.verify(db.stores().audit().entries(), head.sequence(), head.hash())).isEmpty();
        }
    }
}
