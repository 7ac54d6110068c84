package dev.stamp.core;

import dev.stamp.core.ca.CaSigner;
import dev.stamp.core.ca.CertificateAuthorities;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.core.issue.Issuance;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.SerialNumbers;
import dev.stamp.core.ocsp.OcspResponder;
import dev.stamp.core.ocsp.OcspSettings;
import dev.stamp.core.revoke.RevocationLists;
import dev.stamp.core.revoke.Revocations;
import dev.stamp.core.store.Stores;
import dev.stamp.core.vault.KeyVault;

import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * The core's services wired over the ports a deployment supplies (stores, key vault, providers, clock, randomness).
 * A plain value: composition roots (CLI, server, benchmarks, tests) build one and call its services.
 */
public record Pki(Stores stores, KeyVault vault, CryptoProviders providers, Issuance issuance, CertificateAuthorities authorities,
                  Revocations revocations, RevocationLists crls, OcspResponder ocsp) {

    public static Pki wire(Stores stores, KeyVault vault, CryptoProviders providers, InstantSource clock, SecureRandom random,
                           PublicEndpoints endpoints) {
        return wire(stores, vault, providers, clock, random, endpoints, OcspSettings.defaults());
    }

    public static Pki wire(Stores stores, KeyVault vault, CryptoProviders providers, InstantSource clock, SecureRandom random,
                           PublicEndpoints endpoints, OcspSettings ocspSettings) {
        SignatureVerifier verifier = new SignatureVerifier(providers);
        CaSigner signer = new CaSigner(vault);
        Issuance issuance = new Issuance(stores.cas(), stores.certificates(), signer, verifier, new SerialNumbers(random), clock, endpoints);
        CertificateAuthorities authorities = new CertificateAuthorities(stores.cas(), signer, issuance, verifier, clock, random);
        Revocations revocations = new Revocations(stores.cas(), stores.certificates(), stores.revocations(), clock);
        RevocationLists crls = new RevocationLists(stores.cas(), stores.revocations(), vault, clock, endpoints);
        OcspResponder ocsp = new OcspResponder(stores.cas(), stores.certificates(), stores.revocations(), vault, issuance,
                stores.ocspSigners(), clock, ocspSettings);
        return new Pki(stores, vault, providers, issuance, authorities, revocations, crls, ocsp);
    }
}
