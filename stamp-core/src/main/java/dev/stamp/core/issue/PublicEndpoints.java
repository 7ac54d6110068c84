package dev.stamp.core.issue;

import dev.stamp.core.ca.RevocationConfiguration;

import java.util.Objects;

/**
 * The public base URL where this deployment serves CRLs, OCSP and CA certificates, and the URLs derived from it
 * for one CA. A CA's custom CNAME (AWS CustomCname / OcspCustomCname) replaces the host.
 */
public record PublicEndpoints(String baseUrl) {
    public static final String DEFAULT_BASE = "http://127.0.0.1:8080";

    public PublicEndpoints {
        Objects.requireNonNull(baseUrl, "baseUrl");
        while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("public URL must start with http:// or https://, not '" + baseUrl + "'");
        }
    }

    public String crl(String caId, RevocationConfiguration config) {
        return crlBase(config) + "/crl/" + caId + ".crl";
    }

    /**
     * The URL of one CRL scope: the complete CRL for {@code partition == -1} ({@code CrlPartitions.WHOLE}), else
     * {@code <base>/crl/<CA id>/<partition>.crl}, which both the certificates of that partition (in their CDP) and
     * the partition's CRL (in its issuing distribution point) carry.
     */
    public String crl(String caId, RevocationConfiguration config, int partition) {
        if (partition < 0) return crl(caId, config);
        return crlBase(config) + "/crl/" + caId + "/" + partition + ".crl";
    }

    private String crlBase(RevocationConfiguration config) {
        return config.crlCustomCname() != null ? "http://" + config.crlCustomCname() : baseUrl;
    }

    public String ocsp(RevocationConfiguration config) {
        return config.ocspCustomCname() != null ? "http://" + config.ocspCustomCname() : baseUrl + "/ocsp";
    }

    public String caIssuers(String caId) {
        return baseUrl + "/ca/" + caId + ".cer";
    }
}
