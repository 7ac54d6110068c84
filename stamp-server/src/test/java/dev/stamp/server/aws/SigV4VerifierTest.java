package dev.stamp.server.aws;

import dev.stamp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer (an implementation we did not write), then altered. */
class SigV4VerifierTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final String KEY_ID = "SKIAEXAMPLE0000001";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String BODY = "{\"CertificateAuthorityArn\":\"arn:aws:acm-pca:us-east-1:000000000000:certificate-authority/x\"}";

    final MutableClock clock = new MutableClock(NOW);
    final SigV4Verifier verifier = new SigV4Verifier("us-east-1", "acm-pca", clock,
            id -> id.equals(KEY_ID) ? Optional.of(SECRET.getBytes(StandardCharsets.UTF_8)) : Optional.empty(),
            "IncompleteSignatureException");

    @Test
    void aRequestTheSdkSignedIsValid() {
        assertThat(verifier.verify(signed(SECRET, "us-east-1", "acm-pca", BODY, NOW)))
                .isEqualTo(new SigV4Outcome.Valid(KEY_ID));
    }

    @Test
    void queryParametersAndEncodedPathsAreCanonicalisedLikeTheSdk() {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://127.0.0.1:8443/a%20b/c"))
                .putRawQueryParameter("Version", "2011-06-15").putRawQueryParameter("Action", "Get Caller/Identity")
                .putRawQueryParameter("empty", "")
                .putHeader("X-Amz-Target", "ACMPrivateCA.ListTags").build();
        assertThat(verifier.verify(sign(http, SECRET, "us-east-1", "acm-pca", "", NOW))).isInstanceOf(SigV4Outcome.Valid.class);
    }

    @Test
    void aTamperedBodyIsRefused() {
        SigV4Request r = signed(SECRET, "us-east-1", "acm-pca", BODY, NOW);
        SigV4Request tampered = new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), r.headers(), BODY.replace("x", "y").getBytes(StandardCharsets.UTF_8));
        assertThat(name(verifier.verify(tampered))).isEqualTo("InvalidSignatureException");
    }

    @Test
    void aWrongSecretIsRefused() {
        assertThat(name(verifier.verify(signed("not-the-secret", "us-east-1", "acm-pca", BODY, NOW)))).isEqualTo("InvalidSignatureException");
    }

    @Test
    void anUnknownAccessKeyIsUnrecognised() {
        var verifierWithoutKeys = new SigV4Verifier("us-east-1", "acm-pca", clock, id -> Optional.empty(), "IncompleteSignatureException");
        assertThat(name(verifierWithoutKeys.verify(signed(SECRET, "us-east-1", "acm-pca", BODY, NOW)))).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void aRequestOlderThanFifteenMinutesHasExpired() {
        SigV4Request r = signed(SECRET, "us-east-1", "acm-pca", BODY, NOW.minus(Duration.ofMinutes(16)));
        assertThat(verifier.verify(r)).isInstanceOf(SigV4Outcome.Refused.class)
                .satisfies(o -> assertThat(((SigV4Outcome.Refused) o).message()).startsWith("Signature expired"));
        assertThat(verifier.verify(signed(SECRET, "us-east-1", "acm-pca", BODY, NOW.minus(Duration.ofMinutes(14)))))
                .isInstanceOf(SigV4Outcome.Valid.class);
        assertThat(name(verifier.verify(signed(SECRET, "us-east-1", "acm-pca", BODY, NOW.plus(Duration.ofMinutes(16)))))).isEqualTo("InvalidSignatureException");
    }

    @Test
    void aMissingSignedHeaderMakesTheSignatureIncomplete() {
        SigV4Request r = signed(SECRET, "us-east-1", "acm-pca", BODY, NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove("x-amz-date");
        assertThat(name(verifier.verify(new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), headers, r.body())))).isEqualTo("IncompleteSignatureException");
    }

    @Test
    void anUnsignedRequestLacksTheAuthenticationToken() {
        SigV4Request r = signed(SECRET, "us-east-1", "acm-pca", BODY, NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove("authorization");
        assertThat(name(verifier.verify(new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), headers, r.body())))).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void aScopeForAnotherRegionOrServiceIsIncomplete() {
        assertThat(name(verifier.verify(signed(SECRET, "eu-west-1", "acm-pca", BODY, NOW)))).isEqualTo("IncompleteSignatureException");
        assertThat(name(verifier.verify(signed(SECRET, "us-east-1", "sts", BODY, NOW)))).isEqualTo("IncompleteSignatureException");
    }

    @Test
    void anAlteredSignedHeaderValueIsRefused() {
        SigV4Request r = signed(SECRET, "us-east-1", "acm-pca", BODY, NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put("x-amz-target", List.of("ACMPrivateCA.DeleteCertificateAuthority"));
        assertThat(name(verifier.verify(new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), headers, r.body())))).isEqualTo("InvalidSignatureException");
    }

    @Test
    void refusalsNeverCarryTheSecret() {
        for (String secret : List.of(SECRET, "wrong")) {
            var outcome = verifier.verify(signed(secret, "us-east-1", "acm-pca", BODY.replace('x', 'z'), NOW.minusSeconds(3600)));
            assertThat(outcome.toString()).doesNotContain(SECRET);
        }
    }

    /** The refusal's AWS error name, or "valid". */
    private static String name(SigV4Outcome outcome) {
        return switch (outcome) {
            case SigV4Outcome.Valid v -> "valid";
            case SigV4Outcome.Refused r -> r.errorName();
        };
    }

    private static SigV4Request signed(String secret, String region, String service, String body, Instant at) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("https://127.0.0.1:8443/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "ACMPrivateCA.DescribeCertificateAuthority").build();
        return sign(http, secret, region, service, body, at);
    }

    private static SigV4Request sign(SdkHttpRequest http, String secret, String region, String service, String body, Instant at) {
        var signedRequest = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY_ID, secret))
                .request(http)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        SdkHttpRequest s = signedRequest.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        s.headers().forEach((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        headers.putIfAbsent("host", List.of(s.host() + (s.port() == 443 ? "" : ":" + s.port())));
        StringBuilder query = new StringBuilder();
        s.encodedQueryParameters().ifPresent(query::append);
        return new SigV4Request(s.method().name(), s.encodedPath(), query.toString(), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
