package dev.stamp.core.ca;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;

import java.util.Objects;

/**
 * What a new CA is to be (AWS CreateCertificateAuthority): its type, subject, key and signing algorithms
 * (null signing algorithm: the key's default), usage mode and revocation configuration.
 */
public record CreateCaRequest(CaType type, CaSubject subject, KeyAlgorithm keyAlgorithm, SigningAlgorithm signingAlgorithm,
                              UsageMode usageMode, RevocationConfiguration revocation) {
    public CreateCaRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        signingAlgorithm = signingAlgorithm == null ? keyAlgorithm.defaultSigningAlgorithm() : signingAlgorithm;
        signingAlgorithm.requireFits(keyAlgorithm);
        usageMode = usageMode == null ? UsageMode.GENERAL_PURPOSE : usageMode;
        revocation = revocation == null ? RevocationConfiguration.disabled() : revocation;
    }

    public static CreateCaRequest of(CaType type, String subject, KeyAlgorithm key) {
        return new CreateCaRequest(type, CaSubject.parse(subject), key, null, null, null);
    }
}
