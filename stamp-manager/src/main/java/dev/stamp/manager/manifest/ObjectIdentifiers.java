package dev.stamp.manager.manifest;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Dotted-decimal OIDs as X.660 allows them: a first arc of 0 to 2, then at least one more arc. */
final class ObjectIdentifiers {
    private ObjectIdentifiers() {
    }

    static boolean isValid(String text) {
        return text != null && text.indexOf('.') > 0 && ASN1ObjectIdentifier.tryFromID(text) != null;
    }
}
