package dev.stamp.it;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl verify -x509_strict -purpose sslserver}: RFC 5280 checks plus OpenSSL's strict profile
 * (critical CA basic constraints, key usage on CAs, AKI/SKI presence, consistent signature algorithms),
 * the TLS server purpose and the host name.
 */
final class OpenSslVerify implements ChainVerifier {
    @Override
    public Verdict verify(ChainFiles files) {
        List<String> args = new ArrayList<>(List.of("verify", "-x509_strict", "-purpose", "sslserver",
                "-verify_hostname", files.chain().hostname(), "-CAfile", files.root().toString()));
        if (!files.intermediates().isEmpty()) args.addAll(List.of("-untrusted", files.untrusted().toString()));
        args.add(files.leaf().toString());
        var result = ExternalCommand.run(files.dir(), Tool.OPENSSL, args.toArray(String[]::new));
        boolean ok = result.succeeded() && result.output().contains(files.leaf() + ": OK");
        return new Verdict(ok, result.transcript());
    }
}
