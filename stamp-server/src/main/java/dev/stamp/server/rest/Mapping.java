package dev.stamp.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.issue.ValidityType;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.server.http.ChainPems;

import java.time.Instant;
import java.util.Locale;

/** Core values to wire records and back; no rules beyond shape. */
final class Mapping {
    private Mapping() {}

    static Dtos.Ca ca(CertificateAuthority ca) {
        var cert = ca.certificate();
        return new Dtos.Ca(ca.id(), ca.type().name(), ca.status().name(), ca.subject().toString(), ca.keyAlgorithm().name(),
                ca.signingAlgorithm() == null ? null : ca.signingAlgorithm().name(),
                cert == null ? null : cert.getSerialNumber().toString(16), text(ca.notBefore()), text(ca.notAfter()),
                text(ca.createdAt()), text(ca.restorableUntil()), cert == null ? null : Pem.certificate(cert), revocation(ca.revocation()));
    }

    static Dtos.RevocationConfig revocation(dev.stamp.core.ca.RevocationConfiguration c) {
        return new Dtos.RevocationConfig(c.crlEnabled(), c.crlExpirationInDays(), c.crlCustomCname(), c.crlOmitExtension(),
                c.crlPartitioned(), c.ocspEnabled(), c.ocspCustomCname(), c.ocspSigning().name());
    }

    static dev.stamp.core.ca.RevocationChange change(Dtos.RevocationConfig c) {
        return new dev.stamp.core.ca.RevocationChange(c.crlEnabled(), c.crlExpirationInDays(), c.crlCustomCname(), c.crlOmitExtension(),
                c.crlPartitioned(), c.ocspEnabled(), c.ocspCustomCname(),
                c.ocspSigner() == null ? null : dev.stamp.core.ca.OcspSigning.parse(c.ocspSigner()));
    }

    static Dtos.Certificate certificate(IssuedCertificate issued, ChainPems chains) {
        CertificateRecord r = issued.record();
        return new Dtos.Certificate(r.caId(), r.serialHex(), r.state().name(), null, r.template(), r.subject(), text(r.notBefore()),
                text(r.notAfter()), Pem.encode("CERTIFICATE", r.der()), chains.of(r.caId(), issued.chain()));
    }

    static Dtos.Revocation revocation(dev.stamp.core.revoke.Revocation r) {
        return new Dtos.Revocation(r.caId(), CertificateRecord.hex(r.serial()), r.reason().name(), r.revokedAt().toString());
    }

    static Dtos.Certificate summary(dev.stamp.core.store.ListedCertificate listed) {
        CertificateRecord r = listed.record();
        return new Dtos.Certificate(r.caId(), r.serialHex(), r.state().name(), listed.status().name(), r.template(), r.subject(),
                text(r.notBefore()), text(r.notAfter()), null, null);
    }

    /** "90d" and the like, or {"value":..,"type":..}; null when absent. */
    static Validity validity(JsonNode node, Instant now) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return Validity.parse(node.asText(), now);
        if (node.isObject() && node.path("value").canConvertToLong() && node.path("type").isTextual()) {
            ValidityType type;
            try {
                type = ValidityType.valueOf(node.get("type").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw StampException.invalidArgument("validity type must be one of END_DATE, ABSOLUTE, DAYS, MONTHS, YEARS, not '"
                        + node.get("type").asText() + "'");
            }
            return new Validity(node.get("value").asLong(), type);
        }
        throw StampException.invalidArgument("validity must be a string such as \"90d\" or {\"value\": 90, \"type\": \"DAYS\"}");
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null) throw StampException.invalidArgument(field + " is required");
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw StampException.invalidArgument(field + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) throw StampException.invalidArgument(field + " is required");
        return value;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
