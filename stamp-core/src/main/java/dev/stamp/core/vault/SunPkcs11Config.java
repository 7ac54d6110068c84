package dev.stamp.core.vault;

/**
 * Renders the SunPKCS11 configuration for a {@link Pkcs11Config}. The generate template is the point:
 * private keys are born in the token as persistent (CKA_TOKEN), sensitive and non-extractable objects,
 * so no code path, ours or the provider's, can ever read them out, and they may only sign. Public keys stay
 * session objects; the placeholder certificate carries the public half. Stateless.
 */
final class SunPkcs11Config {
    private SunPkcs11Config() {}

    /** Inline form for {@code Provider.configure}: a leading "--" tells SunPKCS11 it is text, not a file name. */
    static String inline(Pkcs11Config config) {
        String slot = switch (config.slot()) {
            case Pkcs11Slot.ListIndex index -> "slotListIndex = " + index.index();
            case Pkcs11Slot.Id id -> "slot = " + id.id();
        };
        return "--"
                + "name = stamp\n"
                // StreamTokenizer reads backslash escapes inside quotes; quotes and line breaks are refused by Pkcs11Config.
                + "library = \"" + config.library().toString().replace("\\", "\\\\") + "\"\n"
                + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_TOKEN = true\n"
                + "  CKA_PRIVATE = true\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                // A CA key signs and does nothing else.
                + "  CKA_SIGN = true\n"
                + "  CKA_DECRYPT = false\n"
                + "  CKA_UNWRAP = false\n"
                + "  CKA_DERIVE = false\n"
                + "}\n"
                // The AES key that seals secrets the server must read back (AWS secret access keys): it encrypts and
                // decrypts inside the token and can never be read out.
                + "attributes(*, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "  CKA_ENCRYPT = true\n"
                + "  CKA_DECRYPT = true\n"
                + "  CKA_WRAP = false\n"
                + "  CKA_UNWRAP = false\n"
                + "}\n";
    }
}
