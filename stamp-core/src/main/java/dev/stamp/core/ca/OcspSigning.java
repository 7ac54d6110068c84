package dev.stamp.core.ca;

import dev.stamp.core.StampException;

import java.util.Locale;

/**
 * Which key signs a CA's OCSP responses: the CA's own ({@link #CA}, the default), or a short-lived delegated
 * responder certificate that Stamp issues from the CA and rotates itself ({@link #DELEGATED}, RFC 6960 section
 * 4.2.2.2), so a CA key in an HSM signs once per rotation rather than once per response.
 */
public enum OcspSigning {
    CA, DELEGATED;

    /** Parses "ca" or "delegated" in any case; anything else is INVALID_ARGUMENT naming the value. */
    public static OcspSigning parse(String text) {
        if (text != null) {
            for (OcspSigning s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) return s;
            }
        }
        throw StampException.invalidArgument("OCSP signer must be CA or DELEGATED, not '" + text + "'");
    }

    /** The lowercase form the CLI shows and takes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
