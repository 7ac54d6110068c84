package dev.stamp.manager.agent;

import dev.stamp.manager.spec.Condition;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The text {@code stamp agent status} prints, laid out as {@code cmctl status certificate}: name, namespace,
 * conditions with reasons and messages, DNS names, events, the issuer (kind, name, its Ready condition), the Secret
 * and its certificate's details, not before/after, renewal time, the current CertificateRequest and its condition;
 * then the manifests the agent could not use, with cert-manager's validation messages. Pure.
 */
public final class StatusReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private StatusReport() {}

    /**
     * @param namespace only this namespace, if given
     * @param name      only this Certificate, if given (an unknown name is reported, with any manifest problem of that name)
     */
    public static String render(List<CertificateRecord> records, AgentSnapshot snapshot, SecretSource secrets, Instant now,
                                Optional<String> namespace, Optional<String> name) {
        StringBuilder out = new StringBuilder();
        List<CertificateRecord> shown = records.stream()
                .filter(r -> namespace.map(ns -> ns.equals(r.namespace())).orElse(true))
                .filter(r -> name.map(n -> n.equals(r.name())).orElse(true)).toList();
        List<ManifestProblem> problems = snapshot.problems().stream()
                .filter(p -> name.isEmpty() || p.name().equals(name.get()) || p.name().isEmpty())
                .filter(p -> namespace.isEmpty() || p.namespace().isEmpty() || p.namespace().equals(namespace.get())).toList();
        if (name.isPresent() && shown.isEmpty() && problems.stream().noneMatch(p -> p.name().equals(name.get()))) {
            out.append("Certificate ").append(namespace.orElse("default")).append('/').append(name.get())
                    .append(" is not managed by this agent\n");
        }
        for (CertificateRecord r : shown) {
            certificate(out, r, snapshot, secrets, now);
            out.append('\n');
        }
        if (!problems.isEmpty()) {
            out.append("Invalid manifests (not applied):\n");
            for (ManifestProblem p : problems) {
                out.append("  ").append(p.origin());
                if (!p.kind().isEmpty() || !p.name().isEmpty()) {
                    out.append(" (").append(p.kind().isEmpty() ? "?" : p.kind()).append(' ')
                            .append(p.namespace().isEmpty() ? "" : p.namespace() + "/").append(p.name()).append(')');
                }
                out.append(":\n");
                for (String m : p.messages()) out.append("    ").append(m).append('\n');
            }
        }
        if (shown.isEmpty() && problems.isEmpty() && name.isEmpty()) out.append("No Certificates are managed by this agent\n");
        return out.toString();
    }

    private static void certificate(StringBuilder out, CertificateRecord r, AgentSnapshot snapshot, SecretSource secrets, Instant now) {
        out.append("Name: ").append(r.name()).append('\n');
        out.append("Namespace: ").append(r.namespace()).append('\n');
        out.append("Conditions:\n");
        if (r.status().conditions().isEmpty()) out.append("  <none>\n");
        for (Condition c : r.status().conditions()) {
            out.append("  ").append(c.type()).append(": ").append(c.status()).append(", Reason: ").append(c.reason())
                    .append(", Message: ").append(c.message()).append('\n');
        }
        CertificateSummary s = r.summary();
        if (s != null) {
            out.append("DNS Names:\n");
            for (String d : s.dnsNames()) out.append("- ").append(d).append('\n');
        }
        events(out, r.events(), now, "");
        if (s != null) {
            out.append("Issuer:\n");
            out.append("  Name: ").append(s.issuerRef().name()).append('\n');
            out.append("  Kind: ").append(s.issuerRef().kind()).append('\n');
            Optional<IssuerState> issuer = snapshot.issuers().stream()
                    .filter(i -> i.kind().equals(s.issuerRef().kind()) && i.name().equals(s.issuerRef().name()))
                    .filter(i -> i.namespace().isEmpty() || i.namespace().equals(r.namespace()))
                    .filter(i -> IssuerKind.of(s.issuerRef().group(), s.issuerRef().kind()).isPresent())
                    .findFirst();
            out.append("  Conditions:\n");
            if (issuer.isPresent()) {
                IssuerState i = issuer.get();
                out.append("    Ready: ").append(i.ready() ? "True" : "False").append(", Reason: ").append(i.reason())
                        .append(", Message: ").append(i.message()).append('\n');
            } else {
                out.append("    <not checked yet>\n");
            }
            secret(out, r.namespace(), s.secretName(), secrets);
        }
        out.append("Not Before: ").append(time(r.status().notBefore())).append('\n');
        out.append("Not After: ").append(time(r.status().notAfter())).append('\n');
        out.append("Renewal Time: ").append(time(r.status().renewalTime())).append('\n');
        Optional<RequestRecord> request = r.nextRequest().isPresent() ? r.nextRequest() : r.currentRequest();
        if (request.isPresent()) {
            RequestRecord q = request.get();
            out.append("CertificateRequest:\n");
            out.append("  Name: ").append(q.name()).append('\n');
            out.append("  Namespace: ").append(r.namespace()).append('\n');
            out.append("  Conditions:\n");
            out.append("    Approved: True, Reason: cert-manager.io, Message: Certificate request has been approved by cert-manager.io\n");
            out.append("    Ready: ").append(q.state() == RequestState.Issued ? "True" : "False").append(", Reason: ")
                    .append(q.reason()).append(", Message: ").append(q.message()).append('\n');
            if (q.failureTime() != null) out.append("  Failure Time: ").append(time(q.failureTime())).append('\n');
        } else {
            out.append("No CertificateRequest found for this Certificate\n");
        }
    }

    private static void secret(StringBuilder out, String namespace, String secretName, SecretSource secrets) {
        out.append("Secret:\n");
        out.append("  Name: ").append(secretName).append('\n');
        Optional<Secret> secret;
        try {
            secret = secrets.get(namespace, secretName);
        } catch (RuntimeException e) {
            out.append("  <cannot be read: ").append(e.getMessage()).append(">\n");
            return;
        }
        if (secret.isEmpty() || secret.get().data().get(Secret.TLS_CRT) == null) {
            out.append("  <not found>\n");
            return;
        }
        X509CertificateHolder leaf;
        try (PEMParser parser = new PEMParser(new StringReader(new String(secret.get().data().get(Secret.TLS_CRT), StandardCharsets.US_ASCII)))) {
            if (!(parser.readObject() instanceof X509CertificateHolder c)) throw new IOException("no certificate");
            leaf = c;
        } catch (IOException | RuntimeException e) {
            out.append("  <tls.crt cannot be decoded: ").append(e.getMessage()).append(">\n");
            return;
        }
        X500Name issuer = leaf.getIssuer();
        out.append("  Issuer Country: ").append(rdn(issuer, BCStyle.C)).append('\n');
        out.append("  Issuer Organisation: ").append(rdn(issuer, BCStyle.O)).append('\n');
        out.append("  Issuer Common Name: ").append(rdn(issuer, BCStyle.CN)).append('\n');
        out.append("  Subject: ").append(leaf.getSubject()).append('\n');
        out.append("  Public Key Algorithm: ").append(publicKeyAlgorithm(leaf)).append('\n');
        var ski = leaf.getExtension(Extension.subjectKeyIdentifier);
        if (ski != null) {
            out.append("  Subject Key ID: ").append(HexFormat.of().formatHex(SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier())).append('\n');
        }
        var aki = leaf.getExtension(Extension.authorityKeyIdentifier);
        if (aki != null && AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierObject() != null) {
            out.append("  Authority Key ID: ").append(HexFormat.of().formatHex(AuthorityKeyIdentifier.getInstance(aki.getParsedValue())
                    .getKeyIdentifierObject().getOctets())).append('\n');
        }
        out.append("  Serial Number: ").append(leaf.getSerialNumber().toString(16)).append('\n');
    }

    private static void events(StringBuilder out, List<AgentEvent> events, Instant now, String indent) {
        if (events.isEmpty()) {
            out.append(indent).append("Events:  <none>\n");
            return;
        }
        out.append(indent).append("Events:\n");
        out.append(indent).append(String.format("  %-8s %-24s %-12s %s%n", "Type", "Reason", "Age", "Message"));
        out.append(indent).append(String.format("  %-8s %-24s %-12s %s%n", "----", "------", "----", "-------"));
        for (AgentEvent e : events) {
            String age = age(Duration.between(e.lastTime(), now)) + (e.count() > 1 ? " (x" + e.count() + ")" : "");
            out.append(indent).append(String.format("  %-8s %-24s %-12s %s%n", e.type(), e.reason(), age, e.message()));
        }
    }

    /** kubectl's short ages: 45s, 3m, 2h, 5d. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) return s + "s";
        if (s < 3 * 3600) return s / 60 + "m";
        if (s < 3 * 86400) return s / 3600 + "h";
        return s / 86400 + "d";
    }

    private static String rdn(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        StringJoiner j = new StringJoiner(", ");
        for (RDN rdn : name.getRDNs(type)) j.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        return j.toString();
    }

    private static String publicKeyAlgorithm(X509CertificateHolder cert) {
        String oid = cert.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "ECDSA";
            case "1.3.101.112" -> "Ed25519";
            default -> oid;
        };
    }

    private static String time(Instant t) {
        return t == null ? "<none>" : TIME.format(t);
    }
}
