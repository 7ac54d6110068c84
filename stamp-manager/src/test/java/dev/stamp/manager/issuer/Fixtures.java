package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.Csrs;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Requests, issuers, Secrets and external checks shared by the issuer tests. */
final class Fixtures {
    private Fixtures() {}

    static final String CLUSTER_NAMESPACE = "stamp-system";

    static IssuerBackends backends(Clock clock) {
        return backends(clock, AwsPcaSettings.NONE);
    }

    static IssuerBackends backends(Clock clock, AwsPcaSettings aws) {
        return new IssuerBackends(CLUSTER_NAMESPACE, aws, CryptoProviders.jdk(), clock, new SecureRandom());
    }

    static Clock fixed(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    static String csrPem(KeyPair keys, String subject, String... dnsNames) {
        return Pem.encode("CERTIFICATE REQUEST", Csrs.csr(keys, subject, dnsNames));
    }

    /** A CSR asking for every SAN type cert-manager writes: DNS, IP, URI and email. */
    static String csrWithEveryName(KeyPair keys, String subject) {
        try {
            ExtensionsGenerator g = new ExtensionsGenerator();
            g.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "app.private.example.net"),
                    new GeneralName(GeneralName.iPAddress, "10.0.0.7"),
                    new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.net/app"),
                    new GeneralName(GeneralName.rfc822Name, "ops@example.net")}));
            return Pem.encode("CERTIFICATE REQUEST", Csrs.csr(keys, subject, g));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CertificateRequest request(String namespace, String name, String csrPem, Duration duration, boolean isCA, KeyUsage... usages) {
        return new CertificateRequest(ObjectMeta.of(namespace, name),
                new CertificateRequestSpec(csrPem, new IssuerRef("issuer", "Issuer", IssuerRef.CERT_MANAGER_GROUP), duration, isCA, List.of(usages)));
    }

    static Issuer issuer(IssuerKind kind, String namespace, String name, IssuerConfig config) {
        return new Issuer(kind, ObjectMeta.of(kind.clusterScoped() ? "" : namespace, name), config);
    }

    static IssuerConfig.Ca caConfig(String secretName) {
        return new IssuerConfig.Ca(secretName, List.of(), List.of(), List.of());
    }

    /** Secrets in memory that remember every lookup, to check which namespace an issuer reads. */
    static final class Secrets implements SecretSource {
        final Map<String, Secret> byKey = new HashMap<>();
        final List<String> lookups = new ArrayList<>();

        Secrets put(String namespace, String name, Map<String, byte[]> data) {
            byKey.put(namespace + "/" + name, new Secret(ObjectMeta.of(namespace, name), Secret.TLS_TYPE, data));
            return this;
        }

        @Override
        public Optional<Secret> get(String namespace, String name) {
            lookups.add(namespace + "/" + name);
            return Optional.ofNullable(byKey.get(namespace + "/" + name));
        }
    }

    static Map<String, byte[]> tlsSecret(String tlsCrt, PrivateKey key, String caCrt) {
        Map<String, byte[]> data = new HashMap<>();
        data.put(Secret.TLS_CRT, tlsCrt.getBytes(StandardCharsets.US_ASCII));
        data.put(Secret.TLS_KEY, keyPem(key).getBytes(StandardCharsets.US_ASCII));
        if (caCrt != null) data.put(Secret.CA_CRT, caCrt.getBytes(StandardCharsets.US_ASCII));
        return data;
    }

    /** PKCS#1 for RSA (cert-manager's default encoding), PKCS#8 otherwise (SEC 1 files come from openssl in PrivateKeysTest). */
    static String keyPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (key.getAlgorithm().equals("RSA")) w.writeObject(key);
            else w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static List<X509CertificateHolder> certificates(String pem) {
        return Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static X509Certificate java(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code openssl verify} of the first certificate of {@code chainPem} with the rest as untrusted intermediates and
     * {@code caPem} as the only trust anchor, at {@code at}; returns openssl's exit code and output.
     */
    static String opensslVerify(Path dir, String chainPem, String caPem, Instant at, String... extra) throws Exception {
        List<X509CertificateHolder> chain = certificates(chainPem);
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(chain.getFirst()));
        Files.writeString(dir.resolve("untrusted.pem"), Pem.certificates(chain.subList(1, chain.size())));
        Files.writeString(dir.resolve("ca.pem"), caPem);
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-attime", Long.toString(at.getEpochSecond()),
                "-CAfile", "ca.pem"));
        if (chain.size() > 1) command.addAll(List.of("-untrusted", "untrusted.pem"));
        command.addAll(List.of(extra));
        command.add("leaf.pem");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("openssl verify did not finish");
        return p.exitValue() + ": " + output.strip();
    }
}
