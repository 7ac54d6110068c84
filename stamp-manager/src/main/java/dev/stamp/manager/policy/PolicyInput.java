package dev.stamp.manager.policy;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a decision about one Certificate looks at, as cert-manager's gatherer collects it: the Secret named by
 * {@code spec.secretName} (its metadata carries the {@code cert-manager.io/issuer-name}, {@code issuer-kind},
 * {@code issuer-group} and {@code certificate-name} annotations), the <em>current</em> request (revision ==
 * {@code status.revision}), the <em>next</em> one (revision == {@code status.revision + 1}), and the time of the decision.
 * The Secret's private key and leaf certificate are decoded at most once per input, however many checks read them.
 */
public final class PolicyInput {
    private final Certificate certificate;
    private final Optional<Secret> secret;
    private final Optional<CertificateRequest> currentRequest;
    private final Optional<CertificateRequest> nextRequest;
    private final Instant now;
    private final Once<AsymmetricKeyParameter> secretKey;
    private final Once<X509CertificateHolder> secretLeaf;

    public PolicyInput(Certificate certificate, Optional<Secret> secret, Optional<CertificateRequest> currentRequest,
                       Optional<CertificateRequest> nextRequest, Instant now) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.currentRequest = Objects.requireNonNull(currentRequest, "currentRequest");
        this.nextRequest = Objects.requireNonNull(nextRequest, "nextRequest");
        this.now = Objects.requireNonNull(now, "now");
        this.secretKey = new Once<>(() -> Pems.privateKey(secret.orElseThrow().data().get(Secret.TLS_KEY)));
        this.secretLeaf = new Once<>(() -> Checks.leaf(secret.orElseThrow()));
    }

    public Certificate certificate() {
        return certificate;
    }

    public Optional<Secret> secret() {
        return secret;
    }

    public Optional<CertificateRequest> currentRequest() {
        return currentRequest;
    }

    public Optional<CertificateRequest> nextRequest() {
        return nextRequest;
    }

    public Instant now() {
        return now;
    }

    /** The Secret's {@code tls.key}, decoded once; throws the same {@link DecodeException} on every call when undecodable. */
    AsymmetricKeyParameter secretKey() {
        return secretKey.get();
    }

    /** The Secret's leaf certificate, decoded once; throws the same {@link DecodeException} on every call when undecodable. */
    X509CertificateHolder secretLeaf() {
        return secretLeaf.get();
    }

    @Override
    public String toString() {
        return "PolicyInput[certificate=" + certificate + ", secret=" + secret + ", currentRequest=" + currentRequest
                + ", nextRequest=" + nextRequest + ", now=" + now + "]";
    }

    /** A decoding done on first use, remembering its value or its failure. */
    private static final class Once<T> {
        private final Supplier<T> decode;
        private T value;
        private DecodeException failure;
        private boolean done;

        Once(Supplier<T> decode) {
            this.decode = decode;
        }

        synchronized T get() {
            if (!done) {
                try {
                    value = decode.get();
                } catch (DecodeException e) {
                    failure = e;
                }
                done = true;
            }
            if (failure != null) throw failure;
            return value;
        }
    }
}
