package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyAlgorithm;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Recovers the {@link KeyAlgorithm} of a key found in a token from its public half. Stateless. */
final class TokenKeyAlgorithms {
    private TokenKeyAlgorithms() {}

    static KeyAlgorithm of(String keyId, PublicKey publicKey) {
        if (publicKey instanceof RSAPublicKey rsa) {
            return switch (rsa.getModulus().bitLength()) {
                case 2048 -> KeyAlgorithm.RSA_2048;
                case 3072 -> KeyAlgorithm.RSA_3072;
                case 4096 -> KeyAlgorithm.RSA_4096;
                default -> throw unsupported(keyId, "RSA " + rsa.getModulus().bitLength() + " bits");
            };
        }
        if (publicKey instanceof ECPublicKey) {
            ASN1Encodable curve = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getAlgorithm().getParameters();
            if (X9ObjectIdentifiers.prime256v1.equals(curve)) return KeyAlgorithm.EC_prime256v1;
            if (SECObjectIdentifiers.secp384r1.equals(curve)) return KeyAlgorithm.EC_secp384r1;
            if (SECObjectIdentifiers.secp521r1.equals(curve)) return KeyAlgorithm.EC_secp521r1;
            throw unsupported(keyId, "EC on curve " + curve);
        }
        throw unsupported(keyId, publicKey.getAlgorithm());
    }

    private static StampException unsupported(String keyId, String what) {
        return StampException.invalidState("key '" + keyId + "' in the PKCS#11 token is " + what + ", which Stamp does not sign with");
    }
}
