package dev.stamp.cli;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partitioned CRL under OpenSSL: its critical issuing distribution point matches the CDP of the certificates of its
 * partition, so OpenSSL applies it to them (revoked or not) and to no certificate of another partition.
 */
class PartitionedCrlOpensslIT {
    @TempDir Path tmp;

    @Test
    void opensslAppliesAPartitionCrlExactlyToTheCertificatesOfThatPartition() throws Exception {
        CryptoProviders providers = CryptoProviders.detect();
        SecureRandom random = new SecureRandom();
        try (Database db = Database.sqlite(tmp.resolve("data"))) {
            var vault = SoftwareKeyVault.open(db.stores().keys(), KeyEncryptionKey.keyFile(tmp.resolve("vault.key")), providers, random);
            Pki pki = Pki.wire(db.stores(), vault, providers, Clock.systemUTC(), random, new PublicEndpoints("http://pki.example.net"));
            CertificateAuthority root = pki.authorities().createRoot(
                    CreateCaRequest.of(CaType.ROOT, "CN=Partition Root", KeyAlgorithm.EC_prime256v1), Validity.years(2), "it");
            CertificateAuthority sub = pki.authorities().createSubordinate(
                    CreateCaRequest.of(CaType.SUBORDINATE, "CN=Partition Sub", KeyAlgorithm.EC_prime256v1), root.id(),
                    Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(1), "it");
            sub = pki.authorities().updateRevocation(sub.id(), new RevocationConfiguration(true, 7, null, false, true, false, null), "it");

            IssuedCertificate revoked = issue(pki, sub, "revoked.example.net");
            int partition = CrlPartitions.of(revoked.record().serial());
            IssuedCertificate samePartition;
            IssuedCertificate otherPartition;
            do samePartition = issue(pki, sub, "same.example.net"); while (CrlPartitions.of(samePartition.record().serial()) != partition);
            do otherPartition = issue(pki, sub, "other.example.net"); while (CrlPartitions.of(otherPartition.record().serial()) == partition);

            pki.revocations().revoke(sub.id(), revoked.record().serial(), RevocationReason.SUPERSEDED, "it");
            PublishedCrl crl = pki.crls().current(sub.id(), partition);

            Files.writeString(tmp.resolve("root.pem"), Pem.certificate(root.certificate()));
            Files.writeString(tmp.resolve("sub.pem"), Pem.certificate(sub.certificate()));
            Files.writeString(tmp.resolve("crl.pem"), Pem.encode("X509 CRL", crl.der()));

            CrlOpensslIT.Run text = CrlOpensslIT.openssl("crl", "-in", tmp.resolve("crl.pem").toString(), "-noout", "-text");
            assertThat(text.output()).contains("X509v3 Issuing Distribution Point: critical",
                    "http://pki.example.net/crl/" + sub.id() + "/" + partition + ".crl", "Superseded");

            assertThat(verify(revoked).output()).contains("certificate revoked");
            CrlOpensslIT.Run ok = verify(samePartition);
            assertThat(ok.exit()).as(ok.output()).isZero();
            CrlOpensslIT.Run outOfScope = verify(otherPartition);
            assertThat(outOfScope.exit()).as("another partition's CRL does not cover it").isNotZero();
            assertThat(outOfScope.output()).contains("different CRL scope");
        }
    }

    private CrlOpensslIT.Run verify(IssuedCertificate leaf) throws Exception {
        Path file = tmp.resolve(leaf.record().serialHex() + ".pem");
        Files.writeString(file, Pem.certificate(leaf.certificate()));
        return CrlOpensslIT.openssl("verify", "-crl_check", "-CAfile", tmp.resolve("root.pem").toString(),
                "-untrusted", tmp.resolve("sub.pem").toString(), "-CRLfile", tmp.resolve("crl.pem").toString(), file.toString());
    }

    private static IssuedCertificate issue(Pki pki, CertificateAuthority ca, String name) {
        return pki.issuance().issue(IssueRequest.of(ca.id(), Csrs.csr(Csrs.p256(), "CN=" + name, name), null, Validity.days(30)));
    }
}
