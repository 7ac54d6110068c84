package dev.stamp.it;

/** The external verifiers these tests drive, with the Debian package that provides each (CI installs them). */
enum Tool {
    OPENSSL("openssl", "openssl"),
    CERTTOOL("certtool", "gnutls-bin"),
    CERTUTIL("certutil", "libnss3-tools");

    private final String program;
    private final String debianPackage;

    Tool(String program, String debianPackage) {
        this.program = program;
        this.debianPackage = debianPackage;
    }

    String program() { return program; }

    String debianPackage() { return debianPackage; }
}
