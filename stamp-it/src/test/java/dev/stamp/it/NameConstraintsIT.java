package dev.stamp.it;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.ApiPassthrough;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subordinate whose certificate carries a critical nameConstraints extension permitting only DNS names under
 * {@value #PERMITTED}: created the external way (create, have the root sign its CSR through an APIPassthrough template
 * that adds the extension, import). The pipeline must refuse names outside the subtree, the verifiers must accept
 * the permitted leaf, and must reject an outside leaf that was signed past the pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameConstraintsIT {
    private static final String PERMITTED = ".private.example.net";
    private static final String OUTSIDE = "evil.example.com";
    private static final int CA_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign;

    private final LivePki live = new LivePki();
    private final KeyPair leafKey = Csrs.p256();
    private CertificateAuthority constrained;

    @BeforeAll
    void createConstrainedSubordinate() throws IOException {
        CertificateAuthority root = live.root(KeyAlgorithm.EC_secp384r1, null);
        CertificateAuthority pending = live.pki.authorities().create(
                LivePki.request(CaType.SUBORDINATE, "CN=Stamp IT Constrained CA,O=Stamp IT,C=DE", KeyAlgorithm.EC_prime256v1, null), "stamp-it");
        byte[] nameConstraints = new NameConstraints(
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, PERMITTED))}, null)
                .getEncoded(ASN1Encoding.DER);
        var api = new ApiPassthrough(null, null, CA_KEY_USAGE, null, null,
                List.of(new ApiPassthrough.CustomExtension(Extension.nameConstraints, nameConstraints, true)));
        IssuedCertificate signed = live.pki.issuance().issue(new IssueRequest(root.id(), pending.csr().getEncoded(), null,
                Template.named("BlankSubordinateCACertificate_PathLen0_APIPassthrough/V1"), Validity.years(5), null, api, null, "stamp-it"));
        constrained = live.pki.authorities().importCertificate(pending.id(), Pem.encoded(signed.certificate()),
                List.of(Pem.encoded(root.certificate())), "stamp-it");
    }

    @Test
    void constrainedCaCertificateCarriesTheCriticalPermittedSubtree() {
        Extension ext = constrained.certificate().getExtension(Extension.nameConstraints);

        assertThat(ext).isNotNull();
        assertThat(ext.isCritical()).isTrue();
        GeneralSubtree[] permitted = NameConstraints.getInstance(ext.getParsedValue()).getPermittedSubtrees();
        assertThat(permitted).extracting(s -> s.getBase().getName().toString()).containsExactly(PERMITTED);
    }

    @Test
    void issuingANameInsideThePermittedSubtreeWorks() {
        IssuedCertificate leaf = live.leaf(constrained, null, leafKey, LivePki.HOST);

        assertThat(leaf.certificate().getIssuer()).isEqualTo(constrained.certificate().getSubject());
    }

    /** A CSR naming {@value #OUTSIDE} somewhere a verifier checks it against the constraint. */
    enum OutsideName {
        DNS_SAN("CN=" + LivePki.HOST + ",O=Stamp IT", OUTSIDE),
        SUBJECT_CN_WITHOUT_SAN("CN=" + OUTSIDE + ",O=Stamp IT");

        private final String subject;
        private final String[] dnsSans;

        OutsideName(String subject, String... dnsSans) {
            this.subject = subject;
            this.dnsSans = dnsSans;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OutsideName.class)
    void issuingANameOutsideThePermittedSubtreeIsRefusedAsAPolicyViolation(OutsideName where) {
        byte[] csr = Csrs.csr(leafKey, where.subject, where.dnsSans);

        assertThatThrownBy(() -> live.leaf(constrained, null, csr))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.POLICY_VIOLATION))
                .hasMessageContaining(OUTSIDE);
    }

    @ParameterizedTest(name = "{0} accepts")
    @EnumSource(Verifier.class)
    void permittedLeafUnderTheConstrainedCaVerifies(Verifier verifier, @TempDir Path dir) {
        IssuedCertificate leaf = live.leaf(constrained, null, leafKey, LivePki.HOST);

        Verdict verdict = verifier.verify(ChainFiles.write(LivePki.chain(leaf, LivePki.HOST), dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    /** The control for the next test: the bypass itself makes valid leaves, so only the name can be what fails there. */
    @ParameterizedTest(name = "{0} accepts")
    @EnumSource(Verifier.class)
    void permittedLeafSignedPastThePipelineVerifies(Verifier verifier, @TempDir Path dir) {
        var bypassed = PipelineBypass.leaf(live.vault, constrained, leafKey.getPublic(), LivePki.HOST, live.clock.instant());
        CertChain chain = CertChain.of(bypassed, constrained.certificateWithChain(), LivePki.HOST);

        Verdict verdict = verifier.verify(ChainFiles.write(chain, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isTrue();
    }

    @ParameterizedTest(name = "{0} rejects")
    @EnumSource(Verifier.class)
    void outsideLeafSignedPastThePipelineIsRejectedByTheConstraint(Verifier verifier, @TempDir Path dir) {
        var forged = PipelineBypass.leaf(live.vault, constrained, leafKey.getPublic(), OUTSIDE, live.clock.instant());
        CertChain chain = CertChain.of(forged, constrained.certificateWithChain(), OUTSIDE);

        Verdict verdict = verifier.verify(ChainFiles.write(chain, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }

    /** Why the pipeline checks a host-name CN too: with no DNS SAN, every verifier holds the CN to the DNS constraint. */
    @ParameterizedTest(name = "{0} rejects")
    @EnumSource(Verifier.class)
    void outsideNameInTheSubjectCnAloneIsRejectedByTheConstraint(Verifier verifier, @TempDir Path dir) {
        var forged = PipelineBypass.cnOnlyLeaf(live.vault, constrained, leafKey.getPublic(), OUTSIDE, live.clock.instant());
        CertChain chain = CertChain.of(forged, constrained.certificateWithChain(), OUTSIDE);

        Verdict verdict = verifier.verify(ChainFiles.write(chain, dir));

        assertThat(verdict.accepted()).as(verdict.transcript()).isFalse();
    }
}
