package dev.stamp.it;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs a TLS leaf with a Stamp CA's key straight through the key vault, skipping the issuance pipeline and so its
 * policy step: how a CA that forgot to check its name constraints would have issued it. Only negative controls use
 * this, to prove that the verifiers themselves enforce what the pipeline refuses.
 */
final class PipelineBypass {
    private PipelineBypass() {}

    /** A leaf for {@code host} in its CN and a DNS SAN. */
    static X509CertificateHolder leaf(KeyVault vault, CertificateAuthority ca, PublicKey leafKey, String host, Instant now) {
        return leaf(vault, ca, leafKey, host, true, now);
    }

    /** A leaf that names {@code host} in its subject CN only, as older clients and CSR tools still produce. */
    static X509CertificateHolder cnOnlyLeaf(KeyVault vault, CertificateAuthority ca, PublicKey leafKey, String host, Instant now) {
        return leaf(vault, ca, leafKey, host, false, now);
    }

    private static X509CertificateHolder leaf(KeyVault vault, CertificateAuthority ca, PublicKey leafKey, String host, boolean san, Instant now) {
        try {
            X509CertificateHolder issuer = ca.certificate();
            var utils = new BcX509ExtensionUtils();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(leafKey.getEncoded());
            var builder = new X509v3CertificateBuilder(issuer.getSubject(), new BigInteger(128, new SecureRandom()).setBit(127),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + host + ",O=Stamp IT"), spki)
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(
                            SubjectKeyIdentifier.fromExtensions(issuer.getExtensions()).getKeyIdentifier()));
            if (san) builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            return builder.build(new VaultSigner(vault, ca));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ContentSigner whose private key stays in the vault: it buffers the TBS bytes and asks the vault to sign them. */
    private static final class VaultSigner implements ContentSigner {
        private final KeyVault vault;
        private final CertificateAuthority ca;
        private final ByteArrayOutputStream tbs = new ByteArrayOutputStream();

        VaultSigner(KeyVault vault, CertificateAuthority ca) {
            this.vault = vault;
            this.ca = ca;
        }

        @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return ca.signingAlgorithm().identifier(); }

        @Override public OutputStream getOutputStream() { return tbs; }

        @Override public byte[] getSignature() { return vault.sign(ca.keyId(), ca.signingAlgorithm(), tbs.toByteArray()); }
    }
}
