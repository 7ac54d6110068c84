package dev.stamp.it;

/**
 * GnuTLS {@code certtool}, in its two modes: {@code --verify-chain} (the file's last certificate, self-signed, is the
 * anchor) and {@code --verify --load-ca-certificate} (an explicit trust anchor). Both check the TLS server purpose
 * and the host name under the "medium" verification profile; success is exit 0 and "Chain verification output: Verified".
 */
final class GnuTlsCerttool implements ChainVerifier {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    enum Mode { VERIFY_CHAIN, TRUST_ANCHOR }

    private final Mode mode;

    GnuTlsCerttool(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Verdict verify(ChainFiles files) {
        String host = "--verify-hostname=" + files.chain().hostname();
        String purpose = "--verify-purpose=" + SERVER_AUTH;
        // Without a profile certtool warns and applies only its "low" floor; medium (112-bit security) is its announced default.
        String profile = "--verify-profile=medium";
        String in = files.leafToRoot().toString();
        var result = switch (mode) {
            case VERIFY_CHAIN -> ExternalCommand.run(files.dir(), Tool.CERTTOOL, "--verify-chain", "--infile", in, host, purpose, profile);
            case TRUST_ANCHOR -> ExternalCommand.run(files.dir(), Tool.CERTTOOL, "--verify",
                    "--load-ca-certificate", files.root().toString(), "--infile", in, host, purpose, profile);
        };
        boolean ok = result.succeeded() && result.output().contains("Chain verification output: Verified");
        return new Verdict(ok, result.transcript());
    }
}
