package dev.stamp.core.crypto;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Signature algorithms a CA signs with, named as AWS Private CA names them. */
public enum SigningAlgorithm {
    SHA256WITHECDSA(KeyFamily.EC, "SHA256withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA256, false),
    SHA384WITHECDSA(KeyFamily.EC, "SHA384withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA384, false),
    SHA512WITHECDSA(KeyFamily.EC, "SHA512withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA512, false),
    SHA256WITHRSA(KeyFamily.RSA, "SHA256withRSA", PKCSObjectIdentifiers.sha256WithRSAEncryption, true),
    SHA384WITHRSA(KeyFamily.RSA, "SHA384withRSA", PKCSObjectIdentifiers.sha384WithRSAEncryption, true),
    SHA512WITHRSA(KeyFamily.RSA, "SHA512withRSA", PKCSObjectIdentifiers.sha512WithRSAEncryption, true),
    ML_DSA_44(KeyFamily.ML_DSA, "ML-DSA-44", NISTObjectIdentifiers.id_ml_dsa_44, false),
    ML_DSA_65(KeyFamily.ML_DSA, "ML-DSA-65", NISTObjectIdentifiers.id_ml_dsa_65, false),
    ML_DSA_87(KeyFamily.ML_DSA, "ML-DSA-87", NISTObjectIdentifiers.id_ml_dsa_87, false);

    private final KeyFamily family;
    private final String jcaName;
    private final AlgorithmIdentifier identifier;

    SigningAlgorithm(KeyFamily family, String jcaName, ASN1ObjectIdentifier oid, boolean nullParameters) {
        this.family = family;
        this.jcaName = jcaName;
        // RFC 4055 wants NULL parameters for the RSA PKCS#1 v1.5 OIDs; RFC 5758 and FIPS 204 want them absent.
        this.identifier = nullParameters ? new AlgorithmIdentifier(oid, DERNull.INSTANCE) : new AlgorithmIdentifier(oid);
    }

    public KeyFamily family() { return family; }

    /** The JCA Signature algorithm name. */
    public String jcaName() { return jcaName; }

    /** The AlgorithmIdentifier that goes into certificates, CRLs and OCSP responses. */
    public AlgorithmIdentifier identifier() { return identifier; }

    public boolean fits(KeyAlgorithm key) {
        if (family != key.family()) return false;
        // An ML-DSA key signs with its own parameter set only.
        return family != KeyFamily.ML_DSA || name().equals(key.name());
    }

    /** Refuses a signing algorithm that does not fit the key, naming the ones that do (as AWS does). */
    public void requireFits(KeyAlgorithm key) {
        if (!fits(key)) {
            throw StampException.invalidArgument("Signing algorithm " + this + " cannot be used with key type " + key
                    + ". Valid signing algorithms are: "
                    + key.signingAlgorithms().stream().map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    public static SigningAlgorithm parse(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) return a;
        }
        throw StampException.invalidArgument("unknown signing algorithm '" + name + "'; valid signing algorithms are: "
                + Arrays.stream(values()).map(Enum::name).toList());
    }
}
