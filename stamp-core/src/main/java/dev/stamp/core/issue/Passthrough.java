package dev.stamp.core.issue;

/** Which request values a template copies into the certificate besides the subject and SANs (AWS template varieties). */
public enum Passthrough {
    /** Base templates: only the subject and SANs come from the request. */
    NONE(false, false),
    /** Non-conflicting CSR extensions are copied. */
    CSR(true, false),
    /** ApiPassthrough values (subject, SANs, extensions) are copied. */
    API(false, true),
    /** Both; the API's values win over the CSR's. */
    API_CSR(true, true);

    private final boolean csr;
    private final boolean api;

    Passthrough(boolean csr, boolean api) {
        this.csr = csr;
        this.api = api;
    }

    public boolean csr() { return csr; }
    public boolean api() { return api; }
}
