package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Reads {@code CertificateRequest.spec}: the CSR (PEM text, or base64 of it as Kubernetes writes a byte field) must
 * decode and agree with isCA and usages ({@link CsrConsistency}); issuerRef is checked and defaulted as on a Certificate; duration defaults to 2160h and usages to
 * [digital signature, key encipherment]. The identity fields (username, uid, groups, extra) are Kubernetes' to fill
 * and are ignored.
 */
final class CertificateRequestSpecReader {
    private CertificateRequestSpecReader() {
    }

    static CertificateRequestSpec read(Fields spec) {
        if (!spec.present()) {
            spec.error(FieldError.required(spec.path(), "must be specified"));
        }
        IssuerRef issuerRef = IssuerRefs.read(spec);
        Duration duration = spec.duration("duration");
        boolean isCA = spec.bool("isCA", false);
        List<KeyUsage> usages = CertificateSpecReader.usages(spec);
        String request = csr(spec, isCA, usages);
        spec.ignore("username", "uid", "groups", "extra");
        spec.rejectUnknown();
        return new CertificateRequestSpec(request, issuerRef, duration == null ? CertificateSpec.DEFAULT_DURATION : duration,
                isCA, usages);
    }

    /** The CSR as PEM text, or "" after reporting why it is missing or does not decode. */
    private static String csr(Fields spec, boolean isCA, List<KeyUsage> usages) {
        String request = spec.text("request").strip();
        if (request.isEmpty()) {
            spec.error(FieldError.required(spec.child("request"), "must be specified"));
            return "";
        }
        String pem = request;
        if (!request.startsWith("-----BEGIN")) {
            try {
                pem = new String(Base64.getMimeDecoder().decode(request), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                spec.error(FieldError.invalidOmitted(spec.child("request"), "failed to decode csr: neither PEM nor base64-encoded PEM"));
                return "";
            }
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PKCS10CertificationRequest csr)) {
                spec.error(FieldError.invalidOmitted(spec.child("request"), "failed to decode csr: error decoding certificate request PEM block"));
                return "";
            }
            CsrConsistency.problem(csr, isCA, usages).ifPresent(p -> spec.error(FieldError.invalidOmitted(spec.child("request"), p)));
        } catch (IOException | RuntimeException e) {
            spec.error(FieldError.invalidOmitted(spec.child("request"), "failed to decode csr: " + e.getMessage()));
            return "";
        }
        return pem + "\n";
    }
}
