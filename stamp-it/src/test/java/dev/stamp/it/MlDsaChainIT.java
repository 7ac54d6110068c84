package dev.stamp.it;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ML-DSA (FIPS 204) hierarchies: an ML-DSA root and subordinate of one parameter set issue a leaf with a P-256 key or
 * with an ML-DSA key of the same set, and Java PKIX on the Bouncy Castle provider validates the chain; on JDK 24 or
 * newer (JEP 497) the JDK's own PKIX code, which shares nothing with Bouncy Castle, must accept it too.
 *
 * <p>The command-line verifiers are not asserted on, because none of them on Debian 12 knows ML-DSA. Checked by hand
 * on these certificates (ML-DSA-65 root, subordinate and P-256 leaf):
 * <ul>
 *   <li>OpenSSL 3.0.19: {@code openssl x509 -text} shows the algorithm as the bare OID 2.16.840.1.101.3.4.3.18 and
 *       "Unable to load Public Key" (X509_PUBKEY_get0: decode error); {@code openssl verify -CAfile root.pem
 *       -untrusted sub.pem leaf.pem} exits 2 with "error 20 at 0 depth lookup: unable to get local issuer certificate",
 *       and even the self-signed root alone fails that way ("X509_self_signed: unable to get certs public key").
 *       OpenSSL learns ML-DSA in 3.5.</li>
 *   <li>GnuTLS 3.7.9: {@code certtool --verify-chain} exits 1 with "Not verified. The certificate is NOT trusted."
 *       (signature algorithm shown as the OID).</li>
 *   <li>NSS 3.87: {@code certutil -A} refuses the ML-DSA CA certificates with SEC_ERROR_ADDING_CERT, so {@code -V}
 *       reports "Peer's Certificate issuer is not recognized."</li>
 * </ul>
 * Add them to the table once CI's image carries versions that know ML-DSA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlDsaChainIT {
    private static final Provider BC = TestPki.PROVIDERS.bouncyCastle();
    private static final JavaPkix PKIX = JavaPkix.on(BC);
    private static final JavaPkix JDK_PKIX = JavaPkix.jdk();

    private final LivePki live = new LivePki();
    private final Map<KeyAlgorithm, CertificateAuthority> issuers = new EnumMap<>(KeyAlgorithm.class);

    enum LeafKey { P256, SAME_ML_DSA }

    static Stream<Arguments> everyMlDsaParameterSetTimesLeafKey() {
        return Stream.of(KeyAlgorithm.ML_DSA_44, KeyAlgorithm.ML_DSA_65, KeyAlgorithm.ML_DSA_87)
                .flatMap(k -> Stream.of(LeafKey.values()).map(l -> Arguments.of(k, l)));
    }

    @ParameterizedTest(name = "{0} CAs, {1} leaf key")
    @MethodSource("everyMlDsaParameterSetTimesLeafKey")
    void mlDsaRootAndSubordinateIssueALeafThatBouncyCastlePkixAccepts(KeyAlgorithm key, LeafKey leafKey) {
        IssuedCertificate leaf = live.leaf(issuer(key), null, csr(key, leafKey));
        assertThat(leaf.certificate().getSignatureAlgorithm()).isEqualTo(SigningAlgorithm.valueOf(key.name()).identifier());
        assertThat(leaf.chain()).allSatisfy(ca -> assertThat(ca.getSignatureAlgorithm().getAlgorithm())
                .isEqualTo(SigningAlgorithm.valueOf(key.name()).identifier().getAlgorithm()));

        Verdict verdict = PKIX.verify(LivePki.chain(leaf, LivePki.HOST));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    @ParameterizedTest(name = "{0} CAs, {1} leaf key")
    @MethodSource("everyMlDsaParameterSetTimesLeafKey")
    @EnabledForJreRange(min = JRE.JAVA_24, disabledReason = "the JDK implements ML-DSA from 24 on (JEP 497)")
    void jdkPkixAlsoAcceptsTheMlDsaChain(KeyAlgorithm key, LeafKey leafKey) {
        IssuedCertificate leaf = live.leaf(issuer(key), null, csr(key, leafKey));

        Verdict verdict = JDK_PKIX.verify(LivePki.chain(leaf, LivePki.HOST));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = KeyAlgorithm.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
    void mlDsaChainIsRejectedWhenOnlyAnotherRootWithTheSameNameIsTrusted(KeyAlgorithm key) {
        IssuedCertificate leaf = live.leaf(issuer(key), null, csr(key, LeafKey.P256));
        var foreignRoot = new LivePki().root(key, null).certificate();

        Verdict verdict = PKIX.verify(LivePki.chain(leaf, LivePki.HOST).withRoot(foreignRoot));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }

    private CertificateAuthority issuer(KeyAlgorithm key) {
        return issuers.computeIfAbsent(key, k -> live.subordinate(live.root(k, null), k,
                "SubordinateCACertificate_PathLen0/V1", LivePki.ISSUING_NAME));
    }

    private static byte[] csr(KeyAlgorithm key, LeafKey leafKey) {
        String subject = "CN=" + LivePki.HOST + ",O=Stamp IT";
        return switch (leafKey) {
            case P256 -> Csrs.csr(Csrs.p256(), subject, LivePki.HOST);
            case SAME_ML_DSA -> mlDsaCsr(key.jcaName(), subject);
        };
    }

    /** Csrs signs with RSA or ECDSA only; an ML-DSA CSR is signed with its own parameter set. */
    private static byte[] mlDsaCsr(String parameterSet, String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(parameterSet, BC);
            KeyPair keys = generator.generateKeyPair();
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, LivePki.HOST)));
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(parameterSet).setProvider(BC).build(keys.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an " + parameterSet + " CSR", e);
        }
    }
}
