package dev.stamp.core.crypto;

import dev.stamp.core.StampException;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.List;

/** CA key algorithms, named as AWS Private CA names them. */
public enum KeyAlgorithm {
    RSA_2048(KeyFamily.RSA, "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    RSA_3072(KeyFamily.RSA, "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
    RSA_4096(KeyFamily.RSA, "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4)),
    EC_prime256v1(KeyFamily.EC, "EC", new ECGenParameterSpec("secp256r1")),
    EC_secp384r1(KeyFamily.EC, "EC", new ECGenParameterSpec("secp384r1")),
    EC_secp521r1(KeyFamily.EC, "EC", new ECGenParameterSpec("secp521r1")),
    ML_DSA_44(KeyFamily.ML_DSA, "ML-DSA-44", null),
    ML_DSA_65(KeyFamily.ML_DSA, "ML-DSA-65", null),
    ML_DSA_87(KeyFamily.ML_DSA, "ML-DSA-87", null);

    private final KeyFamily family;
    private final String jcaName;
    private final AlgorithmParameterSpec spec;

    KeyAlgorithm(KeyFamily family, String jcaName, AlgorithmParameterSpec spec) {
        this.family = family;
        this.jcaName = jcaName;
        this.spec = spec;
    }

    public KeyFamily family() { return family; }

    /** The JCA KeyPairGenerator algorithm name. */
    public String jcaName() { return jcaName; }

    /** Generation parameters, or null where the algorithm name says it all (ML-DSA). */
    public AlgorithmParameterSpec spec() { return spec; }

    /** The signing algorithms that fit this key, in AWS's order. */
    public List<SigningAlgorithm> signingAlgorithms() {
        return Arrays.stream(SigningAlgorithm.values()).filter(s -> s.fits(this)).toList();
    }

    /** The algorithm a CA with this key signs with unless told otherwise. */
    public SigningAlgorithm defaultSigningAlgorithm() {
        return switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> SigningAlgorithm.SHA256WITHRSA;
            case EC_prime256v1 -> SigningAlgorithm.SHA256WITHECDSA;
            case EC_secp384r1 -> SigningAlgorithm.SHA384WITHECDSA;
            case EC_secp521r1 -> SigningAlgorithm.SHA512WITHECDSA;
            case ML_DSA_44 -> SigningAlgorithm.ML_DSA_44;
            case ML_DSA_65 -> SigningAlgorithm.ML_DSA_65;
            case ML_DSA_87 -> SigningAlgorithm.ML_DSA_87;
        };
    }

    public static KeyAlgorithm parse(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) return a;
        }
        throw StampException.invalidArgument("unknown key algorithm '" + name + "'; valid key algorithms are: "
                + Arrays.stream(values()).map(Enum::name).toList());
    }
}
