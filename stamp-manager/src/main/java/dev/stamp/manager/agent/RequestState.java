package dev.stamp.manager.agent;

/** A CertificateRequest's Ready condition as the agent tracks it: waiting, signed, or failed for good. */
public enum RequestState {
    /** Ready=False/Pending: issuer not found or not ready, or signing in progress. */
    Pending,
    /** Ready=True/Issued: {@code status.certificate} holds the chain. */
    Issued,
    /** Ready=False/Failed: terminal; the Certificate backs off and makes a new request. */
    Failed
}
