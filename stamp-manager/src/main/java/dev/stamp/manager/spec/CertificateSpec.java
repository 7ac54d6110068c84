package dev.stamp.manager.spec;

import java.time.Duration;
import java.util.List;

/**
 * {@code Certificate.spec} with cert-manager's defaults applied by the reader: duration 2160h, usages
 * [digital signature, key encipherment], privateKey RSA 2048 PKCS1 Always, encodeUsagesInRequest true,
 * revisionHistoryLimit 1. {@code renewBefore} and {@code renewBeforePercentage} are null when unset;
 * {@code literalSubject}, {@code commonName} are empty when unset; {@code signatureAlgorithm}, {@code nameConstraints}
 * may be null.
 */
public record CertificateSpec(String secretName, IssuerRef issuerRef, String commonName, String literalSubject,
                              Subject subject, List<String> dnsNames, List<String> ipAddresses, List<String> uris,
                              List<String> emailAddresses, List<OtherName> otherNames, Duration duration,
                              Duration renewBefore, Integer renewBeforePercentage, boolean isCA, List<KeyUsage> usages,
                              PrivateKeySpec privateKey, SignatureAlgorithm signatureAlgorithm,
                              boolean encodeUsagesInRequest, int revisionHistoryLimit, SecretTemplate secretTemplate,
                              Keystores keystores, List<OutputFormat> additionalOutputFormats,
                              NameConstraints nameConstraints) {
    public static final Duration DEFAULT_DURATION = Duration.ofHours(2160);
    public static final Duration MINIMUM_DURATION = Duration.ofHours(1);
    public static final Duration MINIMUM_RENEW_BEFORE = Duration.ofMinutes(5);
    public static final List<KeyUsage> DEFAULT_USAGES = List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);

    public CertificateSpec {
        commonName = commonName == null ? "" : commonName;
        literalSubject = literalSubject == null ? "" : literalSubject;
        subject = subject == null ? Subject.EMPTY : subject;
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
        emailAddresses = List.copyOf(emailAddresses);
        otherNames = List.copyOf(otherNames);
        usages = List.copyOf(usages);
        secretTemplate = secretTemplate == null ? SecretTemplate.EMPTY : secretTemplate;
        keystores = keystores == null ? Keystores.NONE : keystores;
        additionalOutputFormats = List.copyOf(additionalOutputFormats);
    }
}
