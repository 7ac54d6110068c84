package dev.stamp.manager.secret;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.KeystorePassword;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.OutputFormat;
import dev.stamp.manager.spec.Pkcs12Profile;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the Secret cert-manager writes for an issued Certificate (reference §4a): {@code tls.crt} (leaf and
 * intermediates, a self-signed root at the end dropped), {@code tls.key} in {@code spec.privateKey.encoding},
 * {@code ca.crt} when the issuer returned a CA, the keystores asked for in {@code spec.keystores} (truststores only
 * with a CA), {@code key.der} and {@code tls-combined.pem} for {@code additionalOutputFormats}; the
 * {@code cert-manager.io/*} annotations plus the template's, the label {@code controller.cert-manager.io/fao} plus
 * the template's. Keystore passwords come from the literal field or from a Secret read through the given source.
 * Thread-safe.
 */
public final class TlsSecretBuilder {
    public static final String FAO_LABEL = "controller.cert-manager.io/fao";
    public static final String KEYSTORE_P12 = "keystore.p12";
    public static final String TRUSTSTORE_P12 = "truststore.p12";
    public static final String KEYSTORE_JKS = "keystore.jks";
    public static final String TRUSTSTORE_JKS = "truststore.jks";
    public static final String KEY_DER = "key.der";
    public static final String TLS_COMBINED_PEM = "tls-combined.pem";
    static final String DEFAULT_JKS_ALIAS = "certificate";

    private final Pkcs12Encoder pkcs12;
    private final SecretSource passwordSecrets;

    public TlsSecretBuilder(SecureRandom random, SecretSource passwordSecrets) {
        this.pkcs12 = new Pkcs12Encoder(Objects.requireNonNull(random, "random"));
        this.passwordSecrets = Objects.requireNonNull(passwordSecrets, "passwordSecrets");
    }

    /**
     * @param chainPem the issued chain, leaf first (a CertificateRequest's {@code status.certificate})
     * @param caPem    the CA the issuer returned ({@code status.ca}), if any
     * @throws KeystorePasswordNotFoundException when a keystore password Secret or key is missing
     * @throws IllegalArgumentException          naming the problem when the chain is empty or not PEM certificates
     */
    public Secret build(Certificate certificate, PrivateKey key, String chainPem, Optional<String> caPem) {
        CertificateSpec spec = certificate.spec();
        List<X509CertificateHolder> chain = withoutRoot(parse(chainPem, "the issued chain"));
        List<X509CertificateHolder> cas = caPem.filter(p -> !p.isBlank()).map(p -> parse(p, "ca.crt")).orElse(List.of());
        String keyPem = PrivateKeys.encode(key, spec.privateKey().encoding());
        String tlsCrt = Pem.certificates(chain);

        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(Secret.TLS_CRT, bytes(tlsCrt));
        data.put(Secret.TLS_KEY, bytes(keyPem));
        if (!cas.isEmpty()) data.put(Secret.CA_CRT, bytes(Pem.certificates(cas)));
        addKeystores(data, certificate, key, chain, cas);
        for (OutputFormat format : spec.additionalOutputFormats()) {
            switch (format) {
                case DER -> data.put(KEY_DER, PrivateKeys.der(key, spec.privateKey().encoding()));
                case CombinedPEM -> data.put(TLS_COMBINED_PEM, bytes(keyPem + "\n" + tlsCrt));
            }
        }

        Map<String, String> annotations = new LinkedHashMap<>(spec.secretTemplate().annotations());
        annotations.putAll(SecretAnnotations.of(certificate, chain.getFirst()));
        Map<String, String> labels = new LinkedHashMap<>(spec.secretTemplate().labels());
        labels.put(FAO_LABEL, "true");
        ObjectMeta meta = new ObjectMeta(spec.secretName(), certificate.metadata().namespace(), labels, annotations);
        return new Secret(meta, Secret.TLS_TYPE, data);
    }

    private void addKeystores(Map<String, byte[]> data, Certificate certificate, PrivateKey key,
                              List<X509CertificateHolder> chain, List<X509CertificateHolder> cas) {
        Keystores keystores = certificate.spec().keystores();
        String namespace = certificate.metadata().namespace();
        if (keystores.pkcs12() != null && keystores.pkcs12().create()) {
            char[] password = password(keystores.pkcs12().password(), namespace, "pkcs12");
            Pkcs12Profile profile = keystores.pkcs12().profile() == null ? Pkcs12Profile.LegacyRC2 : keystores.pkcs12().profile();
            List<X509CertificateHolder> bundle = new ArrayList<>(chain);
            bundle.addAll(cas);
            data.put(KEYSTORE_P12, pkcs12.keystore(profile, password, key, bundle));
            if (!cas.isEmpty()) data.put(TRUSTSTORE_P12, pkcs12.truststore(profile, password, cas));
        }
        if (keystores.jks() != null && keystores.jks().create()) {
            char[] password = password(keystores.jks().password(), namespace, "jks");
            String alias = keystores.jks().alias() == null || keystores.jks().alias().isEmpty() ? DEFAULT_JKS_ALIAS : keystores.jks().alias();
            data.put(KEYSTORE_JKS, JksEncoder.keystore(alias, password, key, chain, cas));
            if (!cas.isEmpty()) data.put(TRUSTSTORE_JKS, JksEncoder.truststore(password, cas));
        }
    }

    private char[] password(KeystorePassword password, String namespace, String which) {
        return switch (password) {
            case KeystorePassword.Literal literal -> literal.password().toCharArray();
            case KeystorePassword.FromSecret ref -> {
                String name = ref.passwordSecretRef().name();
                String k = ref.passwordSecretRef().key();
                Secret secret = passwordSecrets.get(namespace, name).orElseThrow(() -> new KeystorePasswordNotFoundException(
                        "keystores." + which + ".passwordSecretRef: Secret " + namespace + "/" + name + " not found"));
                byte[] value = secret.data().get(k);
                if (value == null) {
                    throw new KeystorePasswordNotFoundException("keystores." + which + ".passwordSecretRef: Secret "
                            + namespace + "/" + name + " has no key '" + k + "'");
                }
                yield new String(value, StandardCharsets.UTF_8).toCharArray();
            }
            case null -> throw new IllegalArgumentException("keystores." + which + ": no password or passwordSecretRef");
        };
    }

    private static List<X509CertificateHolder> parse(String pem, String what) {
        try {
            return Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " is not a PEM certificate list: " + e.getMessage(), e);
        }
    }

    /** cert-manager's convention is no root in tls.crt: drop self-signed certificates after the leaf. */
    static List<X509CertificateHolder> withoutRoot(List<X509CertificateHolder> chain) {
        List<X509CertificateHolder> out = new ArrayList<>(chain.subList(0, 1));
        for (X509CertificateHolder c : chain.subList(1, chain.size())) {
            if (!selfSigned(c)) out.add(c);
        }
        return List.copyOf(out);
    }

    static boolean selfSigned(X509CertificateHolder c) {
        if (!c.getSubject().equals(c.getIssuer())) return false;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(c.getSubjectPublicKeyInfo());
            return c.isSignatureValid(verifier);
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
