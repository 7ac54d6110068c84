package dev.stamp.it;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.KeyFamily;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.testing.Csrs;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Root, subordinate (SubordinateCACertificate_PathLen0/V1) and TLS leaf, for every RSA and EC issuing-CA key and every
 * signing algorithm that fits it, each chain checked by every independent verifier. Hierarchies are built once per
 * issuing key (RSA key generation is the slow part) and shared by the cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsaAndEcChainsIT {
    private final LivePki live = new LivePki();
    private final Map<KeyAlgorithm, CertificateAuthority> issuers = new EnumMap<>(KeyAlgorithm.class);
    private final KeyPair p256Leaf = Csrs.p256();
    private final KeyPair rsaLeaf = Csrs.rsa(2048);
    private X509CertificateHolder foreignRoot;
    private X509CertificateHolder foreignLeaf;

    static Stream<Arguments> everyFittingSigningAlgorithmOfEveryIssuerKeyTimesEveryVerifier() {
        return Arrays.stream(KeyAlgorithm.values())
                .filter(key -> key.family() != KeyFamily.ML_DSA)
                .flatMap(key -> key.signingAlgorithms().stream()
                        .flatMap(signing -> Arrays.stream(Verifier.values()).map(v -> Arguments.of(key, signing, v))));
    }

    @ParameterizedTest(name = "{0} CA signs with {1}; {2} accepts")
    @MethodSource("everyFittingSigningAlgorithmOfEveryIssuerKeyTimesEveryVerifier")
    void leafIssuedThroughASubordinateVerifiesToTheRoot(KeyAlgorithm issuerKey, SigningAlgorithm signing, Verifier verifier, @TempDir Path dir) {
        var leaf = live.leaf(issuer(issuerKey), signing, leafKeyFor(signing), LivePki.HOST);
        assertThat(leaf.certificate().getSignatureAlgorithm()).isEqualTo(signing.identifier());
        assertThat(leaf.chain()).hasSize(2);

        Verdict verdict = verifier.verify(ChainFiles.write(LivePki.chain(leaf, LivePki.HOST), dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    @ParameterizedTest(name = "{0} rejects")
    @EnumSource(Verifier.class)
    void leafFromAnotherHierarchyWithTheSameNamesIsRejected(Verifier verifier, @TempDir Path dir) {
        var genuine = live.leaf(issuer(KeyAlgorithm.EC_prime256v1), null, p256Leaf, LivePki.HOST);
        CertChain spliced = LivePki.chain(genuine, LivePki.HOST).withLeaf(foreignLeaf());

        Verdict verdict = verifier.verify(ChainFiles.write(spliced, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }

    @ParameterizedTest(name = "{0} rejects")
    @EnumSource(Verifier.class)
    void chainIsRejectedWhenOnlyAnotherRootWithTheSameNameIsTrusted(Verifier verifier, @TempDir Path dir) {
        var genuine = live.leaf(issuer(KeyAlgorithm.EC_prime256v1), null, p256Leaf, LivePki.HOST);
        CertChain untrusted = LivePki.chain(genuine, LivePki.HOST).withRoot(foreignRoot());

        Verdict verdict = verifier.verify(ChainFiles.write(untrusted, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }

    /** Both leaf key families appear: RSA under the SHA-384 algorithms, P-256 otherwise. */
    private KeyPair leafKeyFor(SigningAlgorithm signing) {
        return signing == SigningAlgorithm.SHA384WITHRSA || signing == SigningAlgorithm.SHA384WITHECDSA ? rsaLeaf : p256Leaf;
    }

    /**
     * The subordinate holding {@code key}. Its root has the same key, except RSA_3072, which sits under an EC P-384 root
     * to cross the families; RSA_4096's root signs with SHA-512 and EC P-521's with SHA-384, so the CA certificates
     * vary their signature algorithms too.
     */
    private CertificateAuthority issuer(KeyAlgorithm key) {
        return issuers.computeIfAbsent(key, k -> {
            CertificateAuthority root = switch (k) {
                case RSA_3072 -> live.root(KeyAlgorithm.EC_secp384r1, null);
                case RSA_4096 -> live.root(k, SigningAlgorithm.SHA512WITHRSA);
                case EC_secp521r1 -> live.root(k, SigningAlgorithm.SHA384WITHECDSA);
                default -> live.root(k, null);
            };
            return live.subordinate(root, k, "SubordinateCACertificate_PathLen0/V1", LivePki.ISSUING_NAME);
        });
    }

    /** A second P-256 hierarchy with exactly the same names: only keys and signatures tell it apart. */
    private X509CertificateHolder foreignRoot() {
        if (foreignRoot == null) buildForeignHierarchy();
        return foreignRoot;
    }

    private X509CertificateHolder foreignLeaf() {
        if (foreignLeaf == null) buildForeignHierarchy();
        return foreignLeaf;
    }

    private void buildForeignHierarchy() {
        LivePki other = new LivePki();
        CertificateAuthority root = other.root(KeyAlgorithm.EC_prime256v1, null);
        CertificateAuthority sub = other.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1", LivePki.ISSUING_NAME);
        foreignRoot = root.certificate();
        foreignLeaf = other.leaf(sub, null, p256Leaf, LivePki.HOST).certificate();
    }
}
