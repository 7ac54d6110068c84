package dev.stamp.core.store;

/** Where an issuance stands: the intent is recorded before signing, the certificate after. */
public enum CertificateState { PENDING, ISSUED, FAILED }
