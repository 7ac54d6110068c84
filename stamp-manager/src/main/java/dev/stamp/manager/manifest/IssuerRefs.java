package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.IssuerRef;

/**
 * {@code spec.issuerRef} of a Certificate or CertificateRequest, checked as cert-manager checks it (on the values as
 * written, since the hint depends on whether the group was left empty) and then defaulted: kind Issuer, group
 * cert-manager.io.
 */
final class IssuerRefs {
    private IssuerRefs() {
    }

    static IssuerRef read(Fields spec) {
        Fields ref = spec.object("issuerRef");
        String name = ref.text("name");
        String kind = ref.text("kind");
        String group = ref.text("group");
        ref.rejectUnknown();
        if (name.isEmpty()) {
            spec.error(FieldError.required(ref.child("name"), "must be specified"));
        }
        if (group.isEmpty() || group.equals(IssuerRef.CERT_MANAGER_GROUP)) {
            if (!kind.isEmpty() && !kind.equals("Issuer") && !kind.equals("ClusterIssuer")) {
                String detail = "must be one of Issuer or ClusterIssuer";
                if (group.isEmpty()) {
                    // An external issuer's kind with the group forgotten is an easy mistake: point at the fix.
                    detail += " (did you forget to set " + ref.child("group") + "?)";
                }
                spec.error(FieldError.invalid(ref.child("kind"), kind, detail));
            }
        }
        return new IssuerRef(name, kind.isEmpty() ? "Issuer" : kind, group.isEmpty() ? IssuerRef.CERT_MANAGER_GROUP : group);
    }
}
