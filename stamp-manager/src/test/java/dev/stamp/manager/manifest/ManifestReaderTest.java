package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.IssuerRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stamp.manager.manifest.Manifests.READER;
import static dev.stamp.manager.manifest.Manifests.certificate;
import static dev.stamp.manager.manifest.Manifests.errors;
import static dev.stamp.manager.manifest.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {
    /** The manifests of issue 5's scenario: the same YAML works against Stamp or AWS Private CA. */
    static final String ISSUE_EXAMPLE = """
            apiVersion: awspca.cert-manager.io/v1beta1
            kind: AWSPCAClusterIssuer
            metadata:
              name: stamp-pca
            spec:
              arn: arn:aws:acm-pca:us-east-1:000000000000:certificate-authority/5e1d2c3b-4a59-4e8f-9a7b-6c5d4e3f2a1b
              region: us-east-1
              secretRef:
                namespace: default
                name: stamp-aws-credentials
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: app
              namespace: default
              labels:
                app: web
            spec:
              secretName: app-tls
              commonName: app.private.example.net
              dnsNames:
                - app.private.example.net
              issuerRef:
                group: awspca.cert-manager.io
                kind: AWSPCAClusterIssuer
                name: stamp-pca
            """;

    @Test
    void readsTheIssuesExampleManifests() {
        List<ManifestResult> results = READER.read(ISSUE_EXAMPLE, "app.yaml");

        assertThat(results).hasSize(2);
        var issuer = ((ManifestResult.IssuerManifest) results.get(0)).issuer();
        assertThat(issuer.kind()).isEqualTo(IssuerKind.AWSPCAClusterIssuer);
        assertThat(((IssuerConfig.AwsPca) issuer.config()).region()).isEqualTo("us-east-1");
        assertThat(((IssuerConfig.AwsPca) issuer.config()).secretRef().name()).isEqualTo("stamp-aws-credentials");
        Certificate certificate = ((ManifestResult.CertificateManifest) results.get(1)).certificate();
        assertThat(results.get(1).origin()).isEqualTo(new ManifestOrigin("app.yaml", 2));
        assertThat(certificate.metadata().labels()).isEqualTo(Map.of("app", "web"));
        assertThat(certificate.spec().dnsNames()).containsExactly("app.private.example.net");
        assertThat(certificate.spec().issuerRef()).isEqualTo(new IssuerRef("stamp-pca", "AWSPCAClusterIssuer", "awspca.cert-manager.io"));
        assertThat(IssuerKind.of(certificate.spec().issuerRef().group(), certificate.spec().issuerRef().kind())).contains(issuer.kind());
    }

    @Test
    void oneBadDocumentDoesNotHideTheOthers() {
        String yaml = certificate("") + "---\n" + certificate("duration: 30m").replace("name: app", "name: short") + "---\n"
                + certificate("").replace("name: app", "name: other");

        List<ManifestResult> results = READER.read(yaml, "certs.yaml");

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(ManifestResult.CertificateManifest.class);
        assertThat(results.get(2)).isInstanceOf(ManifestResult.CertificateManifest.class);
        var invalid = (ManifestResult.Invalid) results.get(1);
        assertThat(invalid.kind()).isEqualTo("Certificate");
        assertThat(invalid.namespace()).isEqualTo("default");
        assertThat(invalid.name()).isEqualTo("short");
        assertThat(invalid.messages()).containsExactly(
                "certs.yaml document 2: spec.duration: Invalid value: 30m0s: certificate duration must be greater than 1h0m0s");
    }

    @Test
    void emptyDocumentsAreSkippedButCounted() {
        List<ManifestResult> results = READER.read("---\n# nothing\n---\n" + certificate(""));

        assertThat(results).singleElement().extracting(ManifestResult::origin).isEqualTo(new ManifestOrigin(null, 2));
    }

    @Test
    void anUnknownApiVersionOrKindIsNamed() {
        assertThat(errors(one("apiVersion: cert-manager.io/v1alpha2\nkind: Certificate\nmetadata: {name: app}\nspec: {}\n")))
                .singleElement().asString()
                .startsWith("kind: Invalid value: \"Certificate\": no matches for kind \"Certificate\" in version \"cert-manager.io/v1alpha2\"; Stamp reads cert-manager.io/v1 Certificate");
        assertThat(errors(one("apiVersion: v1\nkind: Secret\nmetadata: {name: app}\n")))
                .singleElement().asString().contains("no matches for kind \"Secret\" in version \"v1\"");
        assertThat(errors(one("metadata: {name: app}\n")))
                .containsExactly("apiVersion: Required value: must be specified", "kind: Required value: must be specified");
    }

    @Test
    void aMissingOrBadNameIsAnError() {
        assertThat(errors(one(certificate("").replace("  name: app\n", "  labels: {a: b}\n"))))
                .containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(errors(one(certificate("").replace("name: app", "name: ../etc"))))
                .singleElement().asString().startsWith("metadata.name: Invalid value: \"../etc\": a lowercase RFC 1123 subdomain");
        assertThat(errors(one(certificate("").replace("  name: app\n", "  name: app\n  namespace: Web_Apps\n"))))
                .singleElement().asString().startsWith("metadata.namespace: Invalid value: \"Web_Apps\": a lowercase RFC 1123 label");
    }

    @Test
    void everyErrorOfADocumentIsReportedAtOnce() {
        assertThat(errors(one(certificate("secretName: ~ | duration: 30m | usages: [web]"))))
                .containsExactlyInAnyOrder("spec.secretName: Required value: must be specified",
                        "spec.duration: Invalid value: 30m0s: certificate duration must be greater than 1h0m0s",
                        "spec.usages[0]: Invalid value: \"web\": unknown keyusage");
    }

    @Test
    void unknownTopLevelFieldsAreRefusedButStatusIsIgnored() {
        assertThat(one(certificate("") + "status:\n  conditions: []\n")).isInstanceOf(ManifestResult.CertificateManifest.class);
        assertThat(errors(one(certificate("") + "extra: 1\n"))).containsExactly("unknown field \"extra\"");
    }

    @Test
    void aYamlSyntaxErrorKeepsTheDocumentsBeforeIt() {
        List<ManifestResult> results = READER.read(certificate("") + "---\nkind: [unclosed\n", "broken.yaml");

        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isInstanceOf(ManifestResult.CertificateManifest.class);
        assertThat(((ManifestResult.Invalid) results.get(1)).messages()).singleElement().asString()
                .startsWith("broken.yaml document 2: <yaml>: Invalid value: YAML syntax error: ");
    }

    @Test
    void duplicateKeysAreASyntaxError() {
        assertThat(errors(one("apiVersion: cert-manager.io/v1\napiVersion: cert-manager.io/v1\n")))
                .singleElement().asString().contains("Duplicate field 'apiVersion'");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertThat(errors(one("- just\n- a list\n"))).singleElement().asString()
                .isEqualTo("<document>: Invalid value: \"array\": <document> in body must be of type object: \"array\"");
    }

    @Test
    void theDefaultNamespaceMustBeALabel() {
        assertThatThrownBy(() -> new ManifestReader("Not/A/Namespace"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"Not/A/Namespace\"");
    }
}
