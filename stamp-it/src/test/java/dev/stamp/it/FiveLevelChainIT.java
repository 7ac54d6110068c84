package dev.stamp.it;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.testing.Csrs;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deepest hierarchy AWS Private CA (and Stamp) allows: root, then PathLen3, PathLen2, PathLen1 and PathLen0
 * subordinates, then a leaf. The keys alternate between RSA and EC at every level, so every CA certificate is signed
 * across families.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiveLevelChainIT {
    private final LivePki live = new LivePki();
    private IssuedCertificate leaf;

    @BeforeAll
    void buildHierarchy() {
        CertificateAuthority ca = live.root(KeyAlgorithm.EC_secp384r1, null);
        KeyAlgorithm[] keys = {KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_prime256v1, KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_prime256v1};
        for (int pathLen = 3; pathLen >= 0; pathLen--) {
            ca = live.subordinate(ca, keys[3 - pathLen], "SubordinateCACertificate_PathLen" + pathLen + "/V1",
                    "CN=Stamp IT PathLen" + pathLen + " CA,O=Stamp IT,C=DE");
        }
        leaf = live.leaf(ca, null, Csrs.p256(), LivePki.HOST);
    }

    @Test
    void chainHoldsFourSubordinatesWithPathLengthsZeroToThreeUpToTheRoot() {
        CertChain chain = LivePki.chain(leaf, LivePki.HOST);

        assertThat(chain.intermediates()).extracting(c -> BasicConstraints.fromExtensions(c.getExtensions()).getPathLenConstraint())
                .containsExactly(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3));
        assertThat(chain.root().getSubject()).isEqualTo(chain.root().getIssuer());
    }

    @ParameterizedTest(name = "{0} accepts")
    @EnumSource(Verifier.class)
    void fiveLevelChainVerifiesToTheRoot(Verifier verifier, @TempDir Path dir) {
        Verdict verdict = verifier.verify(ChainFiles.write(LivePki.chain(leaf, LivePki.HOST), dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    @ParameterizedTest(name = "{0} rejects")
    @EnumSource(Verifier.class)
    void chainWithTheMiddlePathLen1CaLeftOutIsRejected(Verifier verifier, @TempDir Path dir) {
        CertChain gap = LivePki.chain(leaf, LivePki.HOST).withoutIntermediate(1);

        Verdict verdict = verifier.verify(ChainFiles.write(gap, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }
}
