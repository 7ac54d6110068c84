package dev.stamp.manager.trust;

/** The kinds of store {@code stamp trust --store} names. */
public enum StoreKind {
    /** The operating system's store: Debian/Ubuntu or RHEL/Fedora on Linux, a printed command on macOS and Windows. */
    SYSTEM,
    /** A Java truststore: the JDK's cacerts or a given file. */
    JAVA,
    /** NSS databases: Chromium's, every Firefox profile's, or the given ones. */
    NSS
}
