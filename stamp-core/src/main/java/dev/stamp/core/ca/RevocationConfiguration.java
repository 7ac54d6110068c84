package dev.stamp.core.ca;

import dev.stamp.core.StampException;

/**
 * What a CA publishes for revocation, as AWS's RevocationConfiguration: a CRL (validity, a custom host name
 * for the distribution point, whether issued certificates carry the CDP extension, complete or partitioned)
 * and OCSP (with an optional custom host). Both are off by default, as on AWS. {@code ocspSigning} is Stamp's own:
 * whether OCSP responses are signed by the CA key or by a delegated responder certificate.
 */
public record RevocationConfiguration(
        boolean crlEnabled,
        int crlExpirationInDays,
        String crlCustomCname,
        boolean crlOmitExtension,
        boolean crlPartitioned,
        boolean ocspEnabled,
        String ocspCustomCname,
        OcspSigning ocspSigning) {

    public static final int DEFAULT_CRL_DAYS = 7;

    /** With OCSP responses signed by the CA key. */
    public RevocationConfiguration(boolean crlEnabled, int crlExpirationInDays, String crlCustomCname, boolean crlOmitExtension,
                                   boolean crlPartitioned, boolean ocspEnabled, String ocspCustomCname) {
        this(crlEnabled, crlExpirationInDays, crlCustomCname, crlOmitExtension, crlPartitioned, ocspEnabled, ocspCustomCname, OcspSigning.CA);
    }

    public RevocationConfiguration {
        ocspSigning = ocspSigning == null ? OcspSigning.CA : ocspSigning;
        if (crlExpirationInDays < 1 || crlExpirationInDays > 5000) {
            throw StampException.invalidArgument("CRL ExpirationInDays must be between 1 and 5000, not " + crlExpirationInDays);
        }
        crlCustomCname = blankToNull(crlCustomCname);
        ocspCustomCname = blankToNull(ocspCustomCname);
        checkCname("CRL CustomCname", crlCustomCname);
        checkCname("OCSP OcspCustomCname", ocspCustomCname);
        if (crlOmitExtension && crlCustomCname != null) {
            throw StampException.invalidArgument("CRL CustomCname cannot be combined with OmitExtension");
        }
    }

    public static RevocationConfiguration disabled() {
        return new RevocationConfiguration(false, DEFAULT_CRL_DAYS, null, false, false, false, null);
    }

    public static RevocationConfiguration crlAndOcsp() {
        return new RevocationConfiguration(true, DEFAULT_CRL_DAYS, null, false, false, true, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void checkCname(String field, String cname) {
        if (cname == null) return;
        if (cname.length() > 253) throw StampException.invalidArgument(field + " is longer than 253 characters");
        if (cname.contains("://")) {
            throw StampException.invalidArgument(field + " must be a host name without a scheme, not '" + cname + "'");
        }
        if (!cname.matches("[-a-zA-Z0-9;/?:@&=+$,%_.!~*()']*")) {
            throw StampException.invalidArgument(field + " has characters not allowed in a URI: '" + cname + "'");
        }
    }
}
