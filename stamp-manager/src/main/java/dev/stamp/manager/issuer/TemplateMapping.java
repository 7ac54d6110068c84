package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.KeyUsage;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * aws-privateca-issuer's {@code buildTemplateArn}: which AWS Private CA template a request gets, from the issuer's
 * {@code pcaTemplate.defaultTemplateName}, the request's isCA and its usages, in this order. Anything the table
 * does not name goes to the CSR-passthrough template, so key usages, SANs and subject come from the CSR.
 */
enum TemplateMapping {
    SUBORDINATE_CA("SubordinateCACertificate_PathLen0/V1"),
    CODE_SIGNING("CodeSigningCertificate/V1", KeyUsage.CODE_SIGNING),
    CLIENT_AUTH("EndEntityClientAuthCertificate/V1", KeyUsage.CLIENT_AUTH),
    SERVER_AUTH("EndEntityServerAuthCertificate/V1", KeyUsage.SERVER_AUTH),
    OCSP_SIGNING("OCSPSigningCertificate/V1", KeyUsage.OCSP_SIGNING),
    CLIENT_AND_SERVER_AUTH("EndEntityCertificate/V1", KeyUsage.CLIENT_AUTH, KeyUsage.SERVER_AUTH),
    CSR_PASSTHROUGH("BlankEndEntityCertificate_APICSRPassthrough/V1");

    private final String templateName;
    private final Set<KeyUsage> usages;

    TemplateMapping(String templateName, KeyUsage... usages) {
        this.templateName = templateName;
        this.usages = usages.length == 0 ? Set.of() : EnumSet.of(usages[0], usages);
    }

    /** The template name (e.g. {@code EndEntityCertificate/V1}) for a request. */
    static String templateName(String defaultTemplateName, boolean isCA, List<KeyUsage> usages) {
        if (defaultTemplateName != null && !defaultTemplateName.isBlank()) return defaultTemplateName;
        if (isCA) return SUBORDINATE_CA.templateName;
        for (TemplateMapping row : values()) {
            // the issuer compares the list: exactly these usages, each once, in any order
            if (!row.usages.isEmpty() && usages.size() == row.usages.size() && Set.copyOf(usages).equals(row.usages)) {
                return row.templateName;
            }
        }
        return CSR_PASSTHROUGH.templateName;
    }

    /** The template ARN in the CA ARN's partition: {@code arn:<partition>:acm-pca:::template/<name>}. */
    static String templateArn(String caArn, String templateName) {
        String[] parts = caArn.split(":", 3);
        String partition = parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : "aws";
        return "arn:" + partition + ":acm-pca:::template/" + templateName;
    }
}
