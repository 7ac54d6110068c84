package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real SoftHSM2 token. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11KeyVaultTest {
    private static final byte[] DATA = "to be signed: a TBSCertificate, say".getBytes(StandardCharsets.UTF_8);
    private static final String PIN = "12345678";

    private static SoftHsm2 token;

    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void initialiseToken() throws Exception {
        token = SoftHsm2.initialise(PIN);
    }

    private static Pkcs11Config config(Pkcs11Slot slot, String pin) {
        return new Pkcs11Config(token.library(), slot, pin.toCharArray(), "stamp-");
    }

    private Pkcs11KeyVault open() {
        return Pkcs11KeyVault.open(config(new Pkcs11Slot.Id(token.slotId()), PIN), random);
    }

    // First: PKCS#11 login state belongs to the process, so once any test has logged in, the token never sees another PIN.
    @Test
    @Order(1)
    void aWrongPinIsRefusedAsUnauthorized() {
        assertThatThrownBy(() -> Pkcs11KeyVault.open(config(new Pkcs11Slot.Id(token.slotId()), "00000000"), random))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessage("the PIN does not unlock the PKCS#11 token at slot " + token.slotId());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1"})
    void keysGeneratedInTheTokenSignVerifiably(KeyAlgorithm algorithm) throws Exception {
        Pkcs11KeyVault vault = open();
        VaultKey key = vault.generate(algorithm);

        assertThat(key.keyId()).startsWith("stamp-");
        assertThat(key.algorithm()).isEqualTo(algorithm);
        for (SigningAlgorithm signing : algorithm.signingAlgorithms()) {
            byte[] signature = vault.sign(key.keyId(), signing, DATA);
            assertThat(Signatures.verify(key.publicKey(), signing, DATA, signature)).as(signing.name()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1"})
    void aFreshVaultFindsTheKeyInTheTokenAndSignsWithIt(KeyAlgorithm algorithm) throws Exception {
        VaultKey key = open().generate(algorithm);

        // Another provider instance, and the token chosen by list position rather than slot id.
        Pkcs11KeyVault fresh = Pkcs11KeyVault.open(config(new Pkcs11Slot.ListIndex(0), PIN), random);
        byte[] signature = fresh.sign(key.keyId(), algorithm.defaultSigningAlgorithm(), DATA);

        assertThat(fresh.publicKey(key.keyId()).getEncoded()).isEqualTo(key.publicKey().getEncoded());
        assertThat(Signatures.verify(key.publicKey(), algorithm.defaultSigningAlgorithm(), DATA, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1"})
    void privateKeysInTheTokenAreSensitiveAndNeverExtractable(KeyAlgorithm algorithm) throws Exception {
        VaultKey key = open().generate(algorithm);

        // Look the key up through a provider of our own: the vault never hands a private key out.
        Provider provider = Security.getProvider("SunPKCS11").configure(SunPkcs11Config.inline(config(new Pkcs11Slot.Id(token.slotId()), PIN)));
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, PIN.toCharArray());
        Key privateKey = keyStore.getKey(key.keyId(), null);

        assertThat(privateKey.getEncoded()).isNull();
        // SunPKCS11 reads CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE from the token and prints them.
        assertThat(privateKey.toString()).contains("token object, sensitive, unextractable");
    }

    @Test
    void mlDsaKeysAreRefused() {
        assertThatThrownBy(() -> open().generate(KeyAlgorithm.ML_DSA_65))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("the PKCS#11 vault cannot hold ML_DSA_65 keys");
    }

    @Test
    void anUnknownKeyIdIsNotFound() {
        assertThatThrownBy(() -> open().sign("stamp-missing", SigningAlgorithm.SHA256WITHECDSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("the PKCS#11 token holds no key 'stamp-missing'");
    }

    @Test
    void aSigningAlgorithmThatDoesNotFitTheKeyIsRefusedNamingTheValidOnes() {
        Pkcs11KeyVault vault = open();
        VaultKey key = vault.generate(KeyAlgorithm.RSA_2048);

        assertThatThrownBy(() -> vault.sign(key.keyId(), SigningAlgorithm.SHA256WITHECDSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Signing algorithm SHA256WITHECDSA cannot be used with key type RSA_2048. "
                        + "Valid signing algorithms are: SHA256WITHRSA, SHA384WITHRSA, SHA512WITHRSA.");
    }

    @Test
    void theVaultDescribesItsModuleAndSlot() {
        assertThat(open().describe()).isEqualTo("pkcs11 (libsofthsm2.so, slot " + token.slotId() + ")");
    }

    @Test
    void aSealedSecretOpensOnlyForItsContextAndInAnotherVaultOnTheSameToken() {
        byte[] secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = open().seal(secret, "SKIA0001");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        assertThat(open().unseal(sealed, "SKIA0001")).isEqualTo(secret); // a second vault finds the token's sealing key
        assertThatThrownBy(() -> open().unseal(sealed, "SKIA0002"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        byte[] flipped = sealed.clone();
        flipped[20] ^= 1;
        assertThatThrownBy(() -> open().unseal(flipped, "SKIA0001"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void aDelegatedOcspResponderKeyIsGeneratedInTheTokenAndSignsResponses() throws Exception {
        Pkcs11KeyVault vault = open();
        var clock = dev.stamp.core.testing.MutableClock.at("2026-01-01T00:00:00Z");
        var pki = dev.stamp.core.Pki.wire(new dev.stamp.core.testing.InMemoryStores().stores(), vault, dev.stamp.core.testing.TestPki.PROVIDERS,
                clock, random, new dev.stamp.core.issue.PublicEndpoints("http://pki.test"));
        var root = pki.authorities().createRoot(dev.stamp.core.ca.CreateCaRequest.of(dev.stamp.core.ca.CaType.ROOT, "CN=HSM Root",
                KeyAlgorithm.EC_prime256v1), dev.stamp.core.issue.Validity.years(1), "test");
        var delegated = new dev.stamp.core.ca.RevocationChange(null, null, null, null, null, null, null, dev.stamp.core.ca.OcspSigning.DELEGATED);
        root = pki.authorities().updateRevocation(root.id(), delegated.applyTo(root.revocation()), "test");
        var leaf = pki.issuance().issue(dev.stamp.core.issue.IssueRequest.of(root.id(), dev.stamp.core.testing.Csrs.csr(
                dev.stamp.core.testing.Csrs.p256(), "CN=hsm.example.net", "hsm.example.net"), null, dev.stamp.core.issue.Validity.days(30)));

        var request = new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(new org.bouncycastle.cert.ocsp.CertificateID(
                new org.bouncycastle.operator.bc.BcDigestCalculatorProvider().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
                root.certificate(), leaf.record().serial())).build().getEncoded();
        var answer = pki.ocsp().respond(request);

        assertThat(answer.status()).isEqualTo(dev.stamp.core.ocsp.OcspStatus.GOOD);
        var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) new org.bouncycastle.cert.ocsp.OCSPResp(answer.der()).getResponseObject();
        var responder = basic.getCerts()[0];
        var verifiers = new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder();
        assertThat(basic.isSignatureValid(verifiers.build(responder))).isTrue();
        assertThat(responder.isSignatureValid(verifiers.build(root.certificate()))).isTrue();
        String responderKey = pki.stores().ocspSigners().current(root.id()).orElseThrow().keyId();
        assertThat(responderKey).startsWith("stamp-");
        // The responder's private key is a token object like the CA's: a fresh vault on the token finds it.
        assertThat(open().publicKey(responderKey).getEncoded()).isEqualTo(responder.getSubjectPublicKeyInfo().getEncoded());
    }
}
