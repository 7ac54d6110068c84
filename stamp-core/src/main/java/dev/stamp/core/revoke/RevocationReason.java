package dev.stamp.core.revoke;

import dev.stamp.core.StampException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a certificate was revoked: RFC 5280's CRLReason codes that mean a revocation. {@code certificateHold} is not
 * offered (a Stamp revocation is final) and {@code removeFromCRL} is not a reason at all. Each reason parses from its
 * RFC 5280 name ({@code keyCompromise}) and from its AWS Private CA name ({@code KEY_COMPROMISE}).
 */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified", "UNSPECIFIED"),
    KEY_COMPROMISE(1, "keyCompromise", "KEY_COMPROMISE"),
    CA_COMPROMISE(2, "cACompromise", "CERTIFICATE_AUTHORITY_COMPROMISE"),
    AFFILIATION_CHANGED(3, "affiliationChanged", "AFFILIATION_CHANGED"),
    SUPERSEDED(4, "superseded", "SUPERSEDED"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation", "CESSATION_OF_OPERATION"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn", "PRIVILEGE_WITHDRAWN"),
    AA_COMPROMISE(10, "aACompromise", "A_A_COMPROMISE");

    private final int code;
    private final String rfcName;
    private final String awsName;

    RevocationReason(int code, String rfcName, String awsName) {
        this.code = code;
        this.rfcName = rfcName;
        this.awsName = awsName;
    }

    /** The CRLReason value written in a CRL entry's reasonCode extension. */
    public int code() { return code; }

    public String rfcName() { return rfcName; }

    public String awsName() { return awsName; }

    /**
     * Parses an RFC 5280 name, an AWS name, or this enum's own name, ignoring case.
     *
     * @throws StampException INVALID_ARGUMENT naming the value and listing the accepted ones
     */
    public static RevocationReason parse(String text) {
        if (text != null) {
            String t = text.strip();
            for (RevocationReason r : values()) {
                if (r.rfcName.equalsIgnoreCase(t) || r.awsName.equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t)) return r;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("removefromcrl") || lower.equals("remove_from_crl")) {
                throw StampException.invalidArgument("'" + t + "' (removeFromCRL) is not a revocation reason: Stamp revocations are final");
            }
            if (lower.equals("certificatehold") || lower.equals("certificate_hold")) {
                throw StampException.invalidArgument("'" + t + "' (certificateHold) is not offered: Stamp revocations are final");
            }
        }
        throw StampException.invalidArgument("unknown revocation reason '" + text + "'; use one of "
                + Arrays.stream(values()).map(RevocationReason::awsName).collect(Collectors.joining(", "))
                + " (or the RFC 5280 names such as keyCompromise)");
    }

    /** The reason with this CRLReason code. */
    public static RevocationReason ofCode(int code) {
        for (RevocationReason r : values()) if (r.code == code) return r;
        throw StampException.invalidArgument("CRLReason code " + code + " is not a revocation reason Stamp records");
    }
}
