package dev.stamp.it;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Java's PKIX {@link CertPathValidator} with the root as the only trust anchor, revocation off and the current time.
 * By default the JDK's own providers (independent of the Bouncy Castle code Stamp signs with); ML-DSA needs
 * {@link #on(Provider)} with Bouncy Castle.
 */
final class JavaPkix implements ChainVerifier {
    private final Provider provider; // null: the JDK's providers

    private JavaPkix(Provider provider) {
        this.provider = provider;
    }

    static JavaPkix jdk() {
        return new JavaPkix(null);
    }

    static JavaPkix on(Provider provider) {
        return new JavaPkix(provider);
    }

    @Override
    public Verdict verify(ChainFiles files) {
        return verify(files.chain());
    }

    Verdict verify(CertChain chain) {
        String who = "Java PKIX (" + (provider == null ? "JDK providers" : provider.getName()) + ")";
        try {
            CertificateFactory factory = provider == null ? CertificateFactory.getInstance("X.509") : CertificateFactory.getInstance("X.509", provider);
            List<X509Certificate> path = new ArrayList<>();
            path.add(x509(factory, chain.leaf()));
            for (X509CertificateHolder c : chain.intermediates()) path.add(x509(factory, c));
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(x509(factory, chain.root()), null)));
            params.setRevocationEnabled(false);
            CertPathValidator validator = provider == null ? CertPathValidator.getInstance("PKIX") : CertPathValidator.getInstance("PKIX", provider);
            var result = (PKIXCertPathValidatorResult) validator.validate(certPath, params);
            return new Verdict(true, who + ": valid; leaf key " + result.getPublicKey().getAlgorithm());
        } catch (CertPathValidatorException e) {
            return new Verdict(false, who + ": " + e + " (reason " + e.getReason() + ", certificate index " + e.getIndex() + ")");
        } catch (GeneralSecurityException e) {
            return new Verdict(false, who + ": " + e);
        }
    }

    private static X509Certificate x509(CertificateFactory factory, X509CertificateHolder holder) throws GeneralSecurityException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Pem.encoded(holder)));
    }
}
