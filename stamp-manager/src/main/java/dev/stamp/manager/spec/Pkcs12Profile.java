package dev.stamp.manager.spec;

/** {@code keystores.pkcs12.profile}: LegacyRC2 is cert-manager's default. */
public enum Pkcs12Profile {
    LegacyRC2, LegacyDES, Modern2023, Modern2026
}
