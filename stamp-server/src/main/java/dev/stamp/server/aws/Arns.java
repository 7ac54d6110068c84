package dev.stamp.server.aws;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Private CA ARNs for Stamp's CAs and certificates: {@code arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>}
 * and {@code <CA ARN>/certificate/<serial as 32 lowercase hex digits>}. Parsing accepts any partition and checks that
 * region and account are this server's, so an ARN copied from another deployment is refused rather than misread.
 */
final class Arns {
    private static final Pattern CA = Pattern.compile("arn:(aws[a-z-]*):acm-pca:([a-z0-9-]+):(\\d{12}):certificate-authority/([0-9a-fA-F-]{1,64})");
    private static final Pattern CERTIFICATE = Pattern.compile("(" + CA.pattern() + ")/certificate/([0-9a-fA-F]{1,64})");

    private final AwsSettings settings;

    Arns(AwsSettings settings) {
        this.settings = settings;
    }

    String ca(String caId) {
        return "arn:aws:acm-pca:" + settings.region() + ":" + settings.account() + ":certificate-authority/" + caId;
    }

    String certificate(String caId, BigInteger serial) {
        String hex = serial.toString(16);
        return ca(caId) + "/certificate/" + "0".repeat(Math.max(0, 32 - hex.length())) + hex;
    }

    /** The CA id in a CA ARN; InvalidArnException otherwise. */
    String caId(String arn) {
        Matcher m = arn == null ? null : CA.matcher(arn);
        if (m == null || !m.matches()) throw AwsException.invalidArn(String.valueOf(arn), "certificate authority");
        checkOurs(arn, m.group(2), m.group(3));
        return m.group(4).toLowerCase(java.util.Locale.ROOT);
    }

    record CertificateArn(String caId, BigInteger serial) {}

    CertificateArn certificate(String arn) {
        Matcher m = arn == null ? null : CERTIFICATE.matcher(arn);
        if (m == null || !m.matches()) throw AwsException.invalidArn(String.valueOf(arn), "certificate");
        checkOurs(arn, m.group(3), m.group(4));
        return new CertificateArn(m.group(5).toLowerCase(java.util.Locale.ROOT), new BigInteger(m.group(6), 16));
    }

    private void checkOurs(String arn, String region, String account) {
        if (!region.equals(settings.region()) || !account.equals(settings.account())) {
            throw new AwsException("InvalidArnException", 400, "'" + arn + "' names region " + region + " and account " + account
                    + "; this server is " + settings.region() + " / " + settings.account());
        }
    }
}
