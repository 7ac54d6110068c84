package dev.stamp.it;

/** The independent verifiers every RSA and EC chain must satisfy: the table the parameterized tests run over. */
enum Verifier implements ChainVerifier {
    OPENSSL(new OpenSslVerify()),
    GNUTLS_VERIFY_CHAIN(new GnuTlsCerttool(GnuTlsCerttool.Mode.VERIFY_CHAIN)),
    GNUTLS_TRUST_ANCHOR(new GnuTlsCerttool(GnuTlsCerttool.Mode.TRUST_ANCHOR)),
    NSS(new NssCertutil()),
    JAVA_PKIX(JavaPkix.jdk());

    private final ChainVerifier implementation;

    Verifier(ChainVerifier implementation) {
        this.implementation = implementation;
    }

    @Override
    public Verdict verify(ChainFiles files) {
        return implementation.verify(files);
    }
}
