package dev.stamp.manager.testing;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.NameConstraints;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.OutputFormat;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.SecretTemplate;
import dev.stamp.manager.spec.SignatureAlgorithm;
import dev.stamp.manager.spec.Subject;

import java.util.List;
import java.util.Map;

/** A Certificate spec with cert-manager's defaults, changed field by field in tests. */
public final class SpecBuilder {
    public String secretName = "app-tls";
    public IssuerRef issuerRef = new IssuerRef("ca-issuer", "Issuer", "cert-manager.io");
    public String commonName = "";
    public String literalSubject = "";
    public Subject subject = Subject.EMPTY;
    public List<String> dnsNames = List.of();
    public List<String> ipAddresses = List.of();
    public List<String> uris = List.of();
    public List<String> emailAddresses = List.of();
    public List<OtherName> otherNames = List.of();
    public boolean isCA;
    public List<KeyUsage> usages = CertificateSpec.DEFAULT_USAGES;
    public PrivateKeySpec privateKey = PrivateKeySpec.DEFAULT;
    public SignatureAlgorithm signatureAlgorithm;
    public boolean encodeUsagesInRequest = true;
    public SecretTemplate secretTemplate = SecretTemplate.EMPTY;
    public Keystores keystores = Keystores.NONE;
    public List<OutputFormat> additionalOutputFormats = List.of();
    public NameConstraints nameConstraints;

    public static SpecBuilder spec() {
        return new SpecBuilder();
    }

    public CertificateSpec build() {
        return new CertificateSpec(secretName, issuerRef, commonName, literalSubject, subject, dnsNames, ipAddresses, uris,
                emailAddresses, otherNames, CertificateSpec.DEFAULT_DURATION, null, null, isCA, usages, privateKey,
                signatureAlgorithm, encodeUsagesInRequest, 1, secretTemplate, keystores, additionalOutputFormats,
                nameConstraints);
    }

    public Certificate certificate(String namespace, String name) {
        return new Certificate(new ObjectMeta(name, namespace, Map.of(), Map.of()), build());
    }
}
