package dev.stamp.core.issue;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {
    @Test
    void everyAwsTemplateIsKnown() {
        // 10 base + 15 CSRPassthrough + 21 APIPassthrough + 15 APICSRPassthrough, as listed in AWS's template docs
        assertThat(Template.all()).hasSize(61);
        assertThat(Template.all().keySet()).allMatch(n -> n.endsWith("/V1"));
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:acm-pca:::template/EndEntityCertificate/V1, EndEntityCertificate/V1, END_ENTITY, , NONE",
            "SubordinateCACertificate_PathLen2_APICSRPassthrough/V1, SubordinateCACertificate_PathLen2_APICSRPassthrough/V1, SUBORDINATE_CA, 2, API_CSR",
            "BlankRootCACertificate_PathLen1_APIPassthrough, BlankRootCACertificate_PathLen1_APIPassthrough/V1, ROOT_CA, 1, API",
            "arn:aws-us-gov:acm-pca:::template/CodeSigningCertificate_CSRPassthrough/V1, CodeSigningCertificate_CSRPassthrough/V1, END_ENTITY, , CSR",
    })
    void looksTemplatesUpByNameOrArn(String input, String name, Template.Kind kind, Integer pathLen, Passthrough passthrough) {
        Template t = Template.named(input);
        assertThat(t.name()).isEqualTo(name);
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.pathLength()).isEqualTo(pathLen);
        assertThat(t.passthrough()).isEqualTo(passthrough);
    }

    @Test
    void unknownTemplateIsAnInvalidArgumentNamingIt() {
        assertThatThrownBy(() -> Template.named("EndEntityCertificate/V2"))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("EndEntityCertificate/V2")
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void defaultTemplateIsEndEntityCertificate() {
        assertThat(Template.named(null).name()).isEqualTo("EndEntityCertificate/V1");
        assertThat(Template.named("EndEntityCertificate/V1").arn("aws")).isEqualTo("arn:aws:acm-pca:::template/EndEntityCertificate/V1");
    }
}
