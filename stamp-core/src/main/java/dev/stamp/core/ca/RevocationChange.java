package dev.stamp.core.ca;

/**
 * A partial update of a CA's {@link RevocationConfiguration}, as AWS UpdateCertificateAuthority takes it: a null
 * member leaves that setting as it is. Applying it validates the result as a whole.
 */
public record RevocationChange(Boolean crlEnabled, Integer crlExpirationInDays, String crlCustomCname, Boolean crlOmitExtension,
                               Boolean crlPartitioned, Boolean ocspEnabled, String ocspCustomCname, OcspSigning ocspSigning) {

    /** Leaving the OCSP signer as it is. */
    public RevocationChange(Boolean crlEnabled, Integer crlExpirationInDays, String crlCustomCname, Boolean crlOmitExtension,
                            Boolean crlPartitioned, Boolean ocspEnabled, String ocspCustomCname) {
        this(crlEnabled, crlExpirationInDays, crlCustomCname, crlOmitExtension, crlPartitioned, ocspEnabled, ocspCustomCname, null);
    }

    public boolean isEmpty() {
        return crlEnabled == null && crlExpirationInDays == null && crlCustomCname == null && crlOmitExtension == null
                && crlPartitioned == null && ocspEnabled == null && ocspCustomCname == null && ocspSigning == null;
    }

    public RevocationConfiguration applyTo(RevocationConfiguration c) {
        return new RevocationConfiguration(
                crlEnabled != null ? crlEnabled : c.crlEnabled(),
                crlExpirationInDays != null ? crlExpirationInDays : c.crlExpirationInDays(),
                crlCustomCname != null ? crlCustomCname : c.crlCustomCname(),
                crlOmitExtension != null ? crlOmitExtension : c.crlOmitExtension(),
                crlPartitioned != null ? crlPartitioned : c.crlPartitioned(),
                ocspEnabled != null ? ocspEnabled : c.ocspEnabled(),
                ocspCustomCname != null ? ocspCustomCname : c.ocspCustomCname(),
                ocspSigning != null ? ocspSigning : c.ocspSigning());
    }
}
