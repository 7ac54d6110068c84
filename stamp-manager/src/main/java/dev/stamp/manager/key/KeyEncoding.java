package dev.stamp.manager.key;

import dev.stamp.manager.spec.PrivateKeyEncoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

import java.io.IOException;
import java.security.PrivateKey;

/** Turns a JCA private key into the DER of a PKCS#1 / SEC1 or PKCS#8 structure, with the PEM type that labels it. */
final class KeyEncoding {
    private KeyEncoding() {}

    record Encoded(String pemType, byte[] der) {
    }

    static Encoded encode(PrivateKey key, PrivateKeyEncoding encoding) {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " key cannot be exported (format " + key.getFormat() + ")");
        }
        String algorithm = key.getAlgorithm();
        boolean pkcs1 = encoding == PrivateKeyEncoding.PKCS1 && (algorithm.equals("RSA") || algorithm.equals("EC"));
        if (!pkcs1) {
            return new Encoded("PRIVATE KEY", pkcs8);
        }
        try {
            // The PKCS#8 wrapper's privateKey octets are the RSAPrivateKey (RFC 8017) or ECPrivateKey (RFC 5915).
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            byte[] inner = info.parsePrivateKey().toASN1Primitive().getEncoded("DER");
            if (algorithm.equals("EC")) {
                // Written alone, an RFC 5915 key carries the curve OID and the public point, as OpenSSL and Go write it.
                ECPrivateKey ec = ECPrivateKey.getInstance(inner);
                ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
                X9ECParameters curve = ECNamedCurveTable.getByOID(curveOid);
                byte[] point = curve.getG().multiply(ec.getKey()).normalize().getEncoded(false);
                ECPrivateKey full = new ECPrivateKey(curve.getN().bitLength(), ec.getKey(), new DERBitString(point), curveOid);
                return new Encoded("EC PRIVATE KEY", full.getEncoded("DER"));
            }
            return new Encoded("RSA PRIVATE KEY", inner);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot re-encode the " + algorithm + " key as PKCS#1: " + e.getMessage(), e);
        }
    }

}
