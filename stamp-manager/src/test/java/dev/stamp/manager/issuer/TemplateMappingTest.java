package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of aws-privateca-issuer's buildTemplateArn, in its order. */
class TemplateMappingTest {
    @ParameterizedTest(name = "default={0} isCA={1} usages=[{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // the issuer's defaultTemplateName wins over everything
            "SubordinateCACertificate_PathLen1/V1 | true  | server auth             | SubordinateCACertificate_PathLen1/V1",
            "EndEntityClientAuthCertificate/V1    | false | server auth             | EndEntityClientAuthCertificate/V1",
            // isCA wins over usages
            "-                                    | true  | server auth             | SubordinateCACertificate_PathLen0/V1",
            "-                                    | true  |                         | SubordinateCACertificate_PathLen0/V1",
            "-                                    | false | code signing            | CodeSigningCertificate/V1",
            "-                                    | false | client auth             | EndEntityClientAuthCertificate/V1",
            "-                                    | false | server auth             | EndEntityServerAuthCertificate/V1",
            "-                                    | false | ocsp signing            | OCSPSigningCertificate/V1",
            "-                                    | false | client auth,server auth | EndEntityCertificate/V1",
            "-                                    | false | server auth,client auth | EndEntityCertificate/V1",
            // anything else: the CSR passthrough template
            "-                                    | false |                         | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "-                                    | false | digital signature,key encipherment | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "-                                    | false | digital signature,server auth      | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "-                                    | false | server auth,server auth            | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "-                                    | false | server auth,client auth,code signing | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "-                                    | false | email protection                   | BlankEndEntityCertificate_APICSRPassthrough/V1",
            "''                                   | false | server auth                        | EndEntityServerAuthCertificate/V1"})
    void mapsTheRequestToAwsPrivateCaTemplates(String defaultTemplate, boolean isCA, String usages, String template) {
        List<KeyUsage> parsed = usages == null ? List.of()
                : Arrays.stream(usages.split(",")).map(u -> KeyUsage.fromManifestName(u.strip()).orElseThrow()).toList();
        assertThat(TemplateMapping.templateName(defaultTemplate, isCA, parsed)).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:acm-pca:eu-west-3:123456789012:certificate-authority/abc        | arn:aws:acm-pca:::template/EndEntityCertificate/V1",
            "arn:aws-us-gov:acm-pca:us-gov-west-1:1:certificate-authority/abc        | arn:aws-us-gov:acm-pca:::template/EndEntityCertificate/V1",
            "arn:aws-cn:acm-pca:cn-north-1:1:certificate-authority/abc               | arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1"})
    void theTemplateArnIsInTheCasPartition(String caArn, String templateArn) {
        assertThat(TemplateMapping.templateArn(caArn, "EndEntityCertificate/V1")).isEqualTo(templateArn);
    }
}
