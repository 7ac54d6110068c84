package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyAlgorithm;

import java.security.PrivateKey;
import java.security.PublicKey;

/** A key pair held in memory for signing; never serialised, never logged. */
record UnlockedKey(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
    @Override public String toString() { return "UnlockedKey[" + algorithm + "]"; }
}
