package dev.stamp.server.aws;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) as AWS services do: rebuilds the
 * canonical request from what was received, derives the signing key from the access key's secret and the credential
 * scope, and compares signatures in constant time. The scope must name this verifier's region and service and the
 * request's date; the request time ({@code X-Amz-Date}, else {@code Date}) must be within {@link #MAX_SKEW} of now.
 * Stateless apart from its configuration; thread-safe.
 */
public final class SigV4Verifier {
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");

    private final String region;
    private final String service;
    private final InstantSource clock;
    private final Function<String, Optional<byte[]>> secrets;
    private final String incompleteSignature;

    /**
     * @param secrets the secret access key of an access key id, empty when the id is unknown or revoked; the caller
     *                owns the returned array and this verifier wipes it after use
     * @param incompleteSignatureName {@code IncompleteSignatureException} for JSON services, {@code IncompleteSignature}
     *                                for the query protocol (STS), as AWS answers each
     */
    public SigV4Verifier(String region, String service, InstantSource clock, Function<String, Optional<byte[]>> secrets,
                         String incompleteSignatureName) {
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.incompleteSignature = Objects.requireNonNull(incompleteSignatureName, "incompleteSignatureName");
    }

    public SigV4Outcome verify(SigV4Request request) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            return new SigV4Outcome.Refused("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return incomplete("Authorization header must use " + ALGORITHM + " (AWS Signature Version 4)");
        }
        Map<String, String> parts = parameters(authorization.substring(ALGORITHM.length() + 1));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            return incomplete("Credential must be <access key id>/<date>/<region>/<service>/aws4_request, not '" + credential + "'");
        }
        String accessKeyId = scope[0];
        String scopeDate = scope[1];
        if (!scope[4].equals("aws4_request")) return incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'");
        if (!scope[3].equals(service)) return incomplete("Credential should be scoped to correct service: '" + service + "', not '" + scope[3] + "'");
        if (!scope[2].equals(region)) return incomplete("Credential should be scoped to a valid region: '" + region + "', not '" + scope[2] + "'");

        List<String> signed = Arrays.asList(signedHeaders.split(";", -1));
        if (!signed.contains("host")) return incomplete("'Host' must be a signed header");
        for (String name : signed) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT)) || !request.headers().containsKey(name)) {
                return incomplete("signed header '" + name + "' is not present in the request (names are lowercase, separated by ';')");
            }
        }
        if (!isSorted(signed)) return incomplete("SignedHeaders must be sorted by name");

        Instant requestTime;
        String amzDate = request.header("x-amz-date");
        try {
            if (amzDate != null) {
                requestTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
            } else if (request.header("date") != null && signed.contains("date")) {
                requestTime = DateTimeFormatter.RFC_1123_DATE_TIME.parse(request.header("date"), Instant::from);
                amzDate = AMZ_DATE.format(requestTime.atOffset(ZoneOffset.UTC));
            } else {
                return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header");
            }
        } catch (DateTimeParseException e) {
            return incomplete("the request date '" + (amzDate != null ? amzDate : request.header("date")) + "' is not yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(scopeDate) || scopeDate.length() != 8) {
            return new SigV4Outcome.Refused("InvalidSignatureException",
                    "Credential should be scoped to a valid date: '" + amzDate.substring(0, 8) + "', not '" + scopeDate + "'");
        }
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            return new SigV4Outcome.Refused("InvalidSignatureException", "Signature expired: " + amzDate + " is not within "
                    + MAX_SKEW.toMinutes() + " minutes of the server time " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)));
        }

        String payloadHash = HEX.formatHex(sha256(request.body()));
        String declared = request.header("x-amz-content-sha256");
        if (declared != null && !declared.equalsIgnoreCase(payloadHash)) {
            return new SigV4Outcome.Refused("InvalidSignatureException",
                    "x-amz-content-sha256 does not match the SHA-256 of the request body (unsigned payloads are not accepted)");
        }

        Optional<byte[]> secret = secrets.apply(accessKeyId);
        if (secret.isEmpty()) {
            return new SigV4Outcome.Refused("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String canonicalRequest = request.method() + "\n" + canonicalUri(request.rawPath()) + "\n" + canonicalQuery(request.rawQuery())
                + "\n" + canonicalHeaders(request, signed) + "\n" + signedHeaders + "\n" + payloadHash;
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeDate + "/" + region + "/" + service + "/aws4_request\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] expected;
        byte[] key = secret.get();
        try {
            expected = hmac(signingKey(key, scopeDate), stringToSign);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(signature.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            presented = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            return new SigV4Outcome.Refused("InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return new SigV4Outcome.Valid(accessKeyId);
    }

    private SigV4Outcome incomplete(String message) {
        return new SigV4Outcome.Refused(incompleteSignature, message);
    }

    private byte[] signingKey(byte[] secret, String date) {
        byte[] prefix = "AWS4".getBytes(StandardCharsets.US_ASCII);
        byte[] first = new byte[prefix.length + secret.length];
        System.arraycopy(prefix, 0, first, 0, prefix.length);
        System.arraycopy(secret, 0, first, prefix.length, secret.length);
        try {
            byte[] kDate = hmac(first, date);
            byte[] kRegion = hmac(kDate, region);
            byte[] kService = hmac(kRegion, service);
            return hmac(kService, "aws4_request");
        } finally {
            Arrays.fill(first, (byte) 0);
        }
    }

    /** {@code Credential=a, SignedHeaders=b, Signature=c} (commas, optional spaces) as a map. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) map.putIfAbsent(p.substring(0, eq), p.substring(eq + 1));
        }
        return map;
    }

    private static boolean isSorted(List<String> names) {
        for (int i = 1; i < names.size(); i++) if (names.get(i - 1).compareTo(names.get(i)) >= 0) return false;
        return true;
    }

    /** The path as received, percent-encoded once more (AWS encodes paths twice for every service but S3). */
    static String canonicalUri(String rawPath) {
        return rawPath.isEmpty() ? "/" : encode(rawPath, true);
    }

    /** Parameters decoded, re-encoded the AWS way, sorted by name then value, each as name=value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) return "";
        List<String[]> pairs = new ArrayList<>();
        for (String item : rawQuery.split("&")) {
            if (item.isEmpty()) continue;
            int eq = item.indexOf('=');
            String name = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? "" : item.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) out.append('&');
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static String canonicalHeaders(SigV4Request request, List<String> signed) {
        StringBuilder out = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers().get(name);
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) out.append(',');
                out.append(SPACES.matcher(values.get(i).strip()).replaceAll(" "));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // not valid percent-encoding: sign it as it came, the signature will decide
        }
    }

    /** RFC 3986 unreserved characters stay; everything else becomes %XX (uppercase), '/' kept in paths. */
    private static String encode(String s, boolean path) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~'
                    || (path && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
