package dev.stamp.manager.agent;

import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import dev.stamp.manager.spec.IssuerRef;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The Prometheus text (exposition format 0.0.4) of cert-manager's certificate metrics, one series per Certificate,
 * labelled {@code name, namespace, issuer_name, issuer_kind, issuer_group}:
 * {@code certmanager_certificate_expiration_timestamp_seconds} (notAfter), {@code certmanager_certificate_renewal_timestamp_seconds}
 * and {@code certmanager_certificate_ready_status} (one series per condition value, 1 for the current one).
 * Pure: rendered from records.
 */
final class AgentMetrics {
    static final String EXPIRATION = "certmanager_certificate_expiration_timestamp_seconds";
    static final String RENEWAL = "certmanager_certificate_renewal_timestamp_seconds";
    static final String READY = "certmanager_certificate_ready_status";

    private AgentMetrics() {}

    static String render(Collection<CertificateRecord> records) {
        List<CertificateRecord> known = records.stream().filter(r -> r.summary() != null).toList();
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(EXPIRATION).append(" The timestamp after which the certificate expires, expressed in Unix Epoch Time.\n");
        out.append("# TYPE ").append(EXPIRATION).append(" gauge\n");
        for (CertificateRecord r : known) {
            out.append(EXPIRATION).append('{').append(labels(r)).append("} ").append(seconds(r.status().notAfter())).append('\n');
        }
        out.append("# HELP ").append(READY).append(" The ready status of the certificate.\n");
        out.append("# TYPE ").append(READY).append(" gauge\n");
        for (CertificateRecord r : known) {
            ConditionStatus current = r.status().condition(ConditionType.Ready).map(c -> c.status()).orElse(ConditionStatus.Unknown);
            for (ConditionStatus s : ConditionStatus.values()) {
                out.append(READY).append("{condition=\"").append(s.name()).append("\",").append(labels(r)).append("} ")
                        .append(s == current ? "1" : "0").append('\n');
            }
        }
        out.append("# HELP ").append(RENEWAL).append(" The number of seconds before expiration time the certificate should renew.\n");
        out.append("# TYPE ").append(RENEWAL).append(" gauge\n");
        for (CertificateRecord r : known) {
            out.append(RENEWAL).append('{').append(labels(r)).append("} ").append(seconds(r.status().renewalTime())).append('\n');
        }
        return out.toString();
    }

    private static String labels(CertificateRecord r) {
        IssuerRef issuer = r.summary().issuerRef();
        return "issuer_group=\"" + escape(issuer.group()) + "\",issuer_kind=\"" + escape(issuer.kind()) + "\",issuer_name=\""
                + escape(issuer.name()) + "\",name=\"" + escape(r.name()) + "\",namespace=\"" + escape(r.namespace()) + "\"";
    }

    /** Unknown times are 0, as cert-manager reports a Certificate without a decodable certificate. */
    private static String seconds(Instant t) {
        return t == null ? "0" : Long.toString(t.getEpochSecond());
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
