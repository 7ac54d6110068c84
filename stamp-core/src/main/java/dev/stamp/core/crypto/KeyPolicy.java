package dev.stamp.core.crypto;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.math.BigInteger;
import java.util.Map;

/**
 * Which subject public keys a CA will certify: RSA of 2048 to 8192 bits with exponent 65537 and no small
 * factors, EC on P-256, P-384 or P-521 (named curves only), Ed25519, and ML-DSA. Stateless.
 */
public final class KeyPolicy {
    private KeyPolicy() {}

    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384",
            SECObjectIdentifiers.secp521r1, "P-521");

    private static final BigInteger F4 = BigInteger.valueOf(65537);
    /** Product of the odd primes below 1000: a modulus sharing a factor with it is trivially broken. */
    private static final BigInteger SMALL_PRIMES = smallPrimeProduct(1000);

    /** Returns a short description ("RSA 2048", "EC P-256") or throws POLICY_VIOLATION naming the reason. */
    public static String check(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier alg = key.getAlgorithm().getAlgorithm();
        if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) return checkRsa(key);
        if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            var params = key.getAlgorithm().getParameters();
            if (!(params instanceof ASN1ObjectIdentifier curve)) {
                throw StampException.policy("EC keys must name their curve; explicit curve parameters are refused");
            }
            String name = CURVES.get(curve);
            if (name == null) {
                throw StampException.policy("EC curve " + curve.getId() + " is not allowed; use P-256, P-384 or P-521");
            }
            return "EC " + name;
        }
        if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) return "Ed25519";
        if (alg.equals(NISTObjectIdentifiers.id_ml_dsa_44)) return "ML-DSA-44";
        if (alg.equals(NISTObjectIdentifiers.id_ml_dsa_65)) return "ML-DSA-65";
        if (alg.equals(NISTObjectIdentifiers.id_ml_dsa_87)) return "ML-DSA-87";
        throw StampException.policy("public key algorithm " + alg.getId() + " is not allowed; use RSA, EC, Ed25519 or ML-DSA");
    }

    private static String checkRsa(SubjectPublicKeyInfo key) {
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(key.parsePublicKey());
        } catch (Exception e) {
            throw StampException.malformedCsr("the RSA public key is malformed: " + e.getMessage());
        }
        BigInteger n = rsa.getModulus();
        int bits = n.bitLength();
        if (bits < 2048) throw StampException.policy("RSA key of " + bits + " bits is too small; at least 2048 bits are required");
        if (bits > 8192) throw StampException.policy("RSA key of " + bits + " bits is too large; at most 8192 bits are accepted");
        if (!rsa.getPublicExponent().equals(F4)) {
            throw StampException.policy("RSA public exponent " + rsa.getPublicExponent() + " is not allowed; use 65537");
        }
        if (!n.testBit(0) || !n.gcd(SMALL_PRIMES).equals(BigInteger.ONE)) {
            throw StampException.policy("RSA modulus has a small prime factor: the key is weak");
        }
        return "RSA " + bits;
    }

    private static BigInteger smallPrimeProduct(int below) {
        BigInteger p = BigInteger.ONE;
        for (int i = 3; i < below; i += 2) {
            if (BigInteger.valueOf(i).isProbablePrime(50)) p = p.multiply(BigInteger.valueOf(i));
        }
        return p;
    }
}
