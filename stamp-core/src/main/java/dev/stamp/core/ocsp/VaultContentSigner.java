package dev.stamp.core.ocsp;

import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Lets Bouncy Castle's response builder sign the DER of the ResponseData through the key vault: BC writes the bytes,
 * the vault signs them; the private key never leaves the vault. One use per response.
 */
final class VaultContentSigner implements ContentSigner {
    private final KeyVault vault;
    private final String keyId;
    private final SigningAlgorithm algorithm;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(512);

    VaultContentSigner(KeyVault vault, String keyId, SigningAlgorithm algorithm) {
        this.vault = vault;
        this.keyId = keyId;
        this.algorithm = algorithm;
    }

    @Override public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm.identifier();
    }

    @Override public OutputStream getOutputStream() {
        return data;
    }

    @Override public byte[] getSignature() {
        return vault.sign(keyId, algorithm, data.toByteArray());
    }
}
