package dev.stamp.manager.agent;

import dev.stamp.manager.issuer.IssuerBackends;
import dev.stamp.manager.issuer.IssuerCheck;
import dev.stamp.manager.issuer.SignOutcome;
import dev.stamp.manager.issuer.SignRequest;
import dev.stamp.manager.key.CsrBuilder;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.policy.Backoff;
import dev.stamp.manager.policy.IssuedCertificateCheck;
import dev.stamp.manager.policy.PolicyInput;
import dev.stamp.manager.policy.Readiness;
import dev.stamp.manager.policy.RequestMatch;
import dev.stamp.manager.policy.Trigger;
import dev.stamp.manager.policy.TriggerOutcome;
import dev.stamp.manager.policy.Violation;
import dev.stamp.manager.secret.KeystorePasswordNotFoundException;
import dev.stamp.manager.secret.SecretDirectory;
import dev.stamp.manager.secret.SecretDirectoryException;
import dev.stamp.manager.secret.TlsSecretBuilder;
import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One reconciliation pass for one Certificate, running cert-manager's certificate controllers in order: readiness,
 * trigger, key manager, request manager, signing through the issuer back-end, issuing (Secret write, status, reload
 * hook) and revision manager. Every state change is saved to the {@link AgentStore} before the agent acts on it (the
 * next key before its CSR is sent, the request before it is signed, the new revision before the reload hook runs), so
 * a crash at any point resumes without losing a key or issuing twice. Returns when the Certificate next needs a pass.
 * <p>
 * Not thread-safe: the agent runs passes on one thread.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** cert-manager requeues a Certificate whose secretName another Certificate also uses after this long. */
    static final Duration DUPLICATE_RECHECK = Duration.ofMinutes(3);
    static final String SUCCESS_MESSAGE = "The certificate has been successfully issued";

    private final AgentStore store;
    private final SecretDirectory secrets;
    private final IssuerBackends backends;
    private final PrivateKeys keys;
    private final CsrBuilder csrs;
    private final TlsSecretBuilder secretBuilder;
    private final ReloadHook hook;
    private final String defaultReloadCommand;
    private final Backoff backoff;
    private final RetryDelay retryDelay;
    private final InstantSource clock;

    Reconciler(AgentStore store, SecretDirectory secrets, IssuerBackends backends, PrivateKeys keys, CsrBuilder csrs,
               TlsSecretBuilder secretBuilder, ReloadHook hook, String defaultReloadCommand, Backoff backoff,
               RetryDelay retryDelay, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.csrs = Objects.requireNonNull(csrs, "csrs");
        this.secretBuilder = Objects.requireNonNull(secretBuilder, "secretBuilder");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.defaultReloadCommand = defaultReloadCommand == null ? "" : defaultReloadCommand;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a pass came to: the saved record, when to run again, and the issuer check it made (if any). */
    public record Result(CertificateRecord record, Instant nextRun, Optional<IssuerState> issuerChecked) {}

    /**
     * Records a manual renewal ({@code stamp agent renew}): Issuing=True with reason ManuallyTriggered, which skips the
     * failure backoff. Saved before the pass that acts on it.
     */
    public CertificateRecord renew(Certificate certificate) {
        CertificateRecord rec = loadWithSpec(certificate);
        Instant now = clock.instant();
        rec = rec.withStatus(Trigger.manuallyTriggered(rec.status(), rec.generation(), now))
                .withEvent(AgentEvent.of(AgentEvent.Type.Normal, Trigger.MANUALLY_TRIGGERED, Trigger.MANUALLY_TRIGGERED_MESSAGE, now))
                .withTransientRetries(0);
        store.save(rec);
        return rec;
    }

    /**
     * One pass.
     *
     * @param duplicateOf another Certificate of the namespace using the same secretName: the trigger skips this one
     */
    public Result reconcile(Certificate certificate, Issuers issuers, Optional<String> duplicateOf) {
        Pass pass = new Pass(certificate, loadWithSpec(certificate), clock.instant());
        Instant next;
        try {
            next = pass.run(issuers, duplicateOf);
        } catch (RuntimeException e) {
            // an unexpected failure must not stop the agent: record it and try again later
            LOG.error("reconciling {}/{} failed", certificate.metadata().namespace(), certificate.metadata().name(), e);
            pass.event(AgentEvent.Type.Warning, "ReconcileError", e.toString());
            next = pass.retryLater();
        }
        pass.rec = pass.rec.withNextRun(next);
        store.save(pass.rec);
        return new Result(pass.rec, next, pass.issuerChecked);
    }

    private CertificateRecord loadWithSpec(Certificate certificate) {
        ObjectMeta meta = certificate.metadata();
        CertificateRecord rec = store.load(meta.namespace(), meta.name()).orElseGet(() -> CertificateRecord.fresh(meta.namespace(), meta.name()));
        return rec.withSpec(CertificateSummary.of(certificate), fingerprint(certificate.spec()));
    }

    /** One pass's working state: the record as it evolves, saved at each step the agent acts on. */
    private final class Pass {
        final Certificate cert;
        final CertificateSpec spec;
        final String namespace;
        final String name;
        final Instant now;
        CertificateRecord rec;
        Optional<IssuerState> issuerChecked = Optional.empty();

        Pass(Certificate cert, CertificateRecord rec, Instant now) {
            this.cert = cert;
            this.spec = cert.spec();
            this.namespace = cert.metadata().namespace();
            this.name = cert.metadata().name();
            this.rec = rec;
            this.now = now;
        }

        Instant run(Issuers issuers, Optional<String> duplicateOf) {
            // readiness
            Optional<Secret> secret = readSecret();
            PolicyInput input = input(secret);
            Readiness.Result readiness = Readiness.evaluate(input);
            status(readiness.applyTo(rec.status(), rec.generation(), now));

            // trigger
            if (duplicateOf.isPresent()) {
                event(AgentEvent.Type.Warning, "DuplicateSecretName", "Another Certificate (" + duplicateOf.get()
                        + ") uses the same spec.secretName \"" + spec.secretName() + "\": neither is issued until one is changed");
                return now.plus(DUPLICATE_RECHECK);
            }
            TriggerOutcome outcome = Trigger.evaluate(input, rec.status(), backoff);
            switch (outcome) {
                case TriggerOutcome.Wait w -> {
                    dropNextKey();
                    return w.until();
                }
                case TriggerOutcome.UpToDate u -> {
                    dropNextKey();
                    pruneRevisions();
                    return u.nextCheck();
                }
                case TriggerOutcome.Issue i -> {
                    boolean started = !rec.status().hasCondition(ConditionType.Issuing, ConditionStatus.True);
                    status(rec.status().withCondition(ConditionType.Issuing, ConditionStatus.True, i.reason(), i.message(), rec.generation(), now));
                    if (started) {
                        LOG.info("Certificate {}/{} is being issued: {}: {}", namespace, name, i.reason(), i.message());
                        rec = rec.withTransientRetries(0);
                    }
                }
            }
            return issue(secret, issuers);
        }

        private Instant issue(Optional<Secret> secret, Issuers issuers) {
            // key manager
            Optional<KeyPair> key = nextKey(secret);
            if (key.isEmpty()) return laterOrRenewal();
            // request manager
            Optional<RequestRecord> request = nextRequest(key.get());
            if (request.isEmpty()) return laterOrRenewal();
            // signing
            RequestRecord req = request.get();
            if (req.state() == RequestState.Pending) {
                req = sign(req, key.get(), issuers);
                rec = rec.withRequest(req);
                store.save(rec);
            }
            // issuing
            return switch (req.state()) {
                case Pending -> {
                    // an issuer still signing is normal, one missing or not ready is not; a repeat only counts up
                    event(req.reason().equals("Pending") ? AgentEvent.Type.Normal : AgentEvent.Type.Warning, req.reason(), req.message());
                    blocked(req.reason(), req.message());
                    yield retryLater();
                }
                case Failed -> failed(req);
                case Issued -> issued(req, key.get());
            };
        }

        /** The key manager: the stored next key, else a new one (Always) or the Secret's (Never). */
        private Optional<KeyPair> nextKey(Optional<Secret> secret) {
            Optional<KeyPair> stored = store.loadNextKey(namespace, name);
            if (stored.isPresent() && !PrivateKeys.matches(spec.privateKey(), stored.get().getPrivate())) {
                store.deleteNextKey(namespace, name);
                event(AgentEvent.Type.Normal, "Deleted", "Regenerating private key due to change in fields");
                stored = Optional.empty();
            }
            if (stored.isPresent()) return stored;
            KeyPair key;
            if (spec.privateKey().rotationPolicy() == RotationPolicy.Never && secret.map(s -> s.data().get(Secret.TLS_KEY)).isPresent()) {
                try {
                    key = PrivateKeys.decode(new String(secret.get().data().get(Secret.TLS_KEY), StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    event(AgentEvent.Type.Warning, "DecodeFailed", "Failed to decode private key stored in Secret \"" + spec.secretName()
                            + "\" - generating new key");
                    key = keys.generate(spec.privateKey());
                }
                if (!PrivateKeys.matches(spec.privateKey(), key.getPrivate())) {
                    event(AgentEvent.Type.Warning, "CannotRegenerateKey", "User intervention required: existing private key in Secret \""
                            + spec.secretName() + "\" does not match requirements on Certificate resource, but the private key"
                            + " cannot be regenerated as the Certificate's .spec.privateKey.rotationPolicy field is set to \"Never\"."
                            + " The private key will not be regenerated until the rotationPolicy is changed to \"Always\".");
                    return Optional.empty();
                }
                event(AgentEvent.Type.Normal, "Reused", "Reusing private key stored in existing Secret resource \"" + spec.secretName() + "\"");
            } else {
                key = keys.generate(spec.privateKey());
                event(AgentEvent.Type.Normal, "Generated", "Stored new private key in temporary Secret resource \"" + nextKeyName() + "\"");
            }
            store.saveNextKey(namespace, name, key);
            status(rec.status().withNextPrivateKeySecretName(nextKeyName()));
            store.save(rec);
            return Optional.of(key);
        }

        /**
         * The request manager: keeps the next revision's request if it still matches the spec and the key, and was not
         * failed before this issuance began; otherwise (re)creates it as {@code <cert>-<revision>}.
         */
        private Optional<RequestRecord> nextRequest(KeyPair key) {
            int revision = rec.status().nextRevision();
            Optional<RequestRecord> existing = rec.request(revision);
            if (existing.isPresent() && stale(existing.get(), key)) {
                LOG.info("Deleting stale CertificateRequest {}/{}", namespace, existing.get().name());
                rec = rec.withoutRequest(revision);
                existing = Optional.empty();
            }
            if (existing.isPresent()) return existing;
            String csr;
            try {
                csr = csrs.build(spec, key);
            } catch (IllegalArgumentException e) {
                event(AgentEvent.Type.Warning, "RequestFailed", "Failed to create CertificateRequest: " + e.getMessage());
                return Optional.empty();
            }
            Map<String, String> annotations = new LinkedHashMap<>(cert.metadata().annotations());
            annotations.put(CertificateRequest.REVISION_ANNOTATION, Integer.toString(revision));
            annotations.put(CertificateRequest.PRIVATE_KEY_SECRET_ANNOTATION, nextKeyName());
            annotations.put(CertificateRequest.CERTIFICATE_NAME_ANNOTATION, name);
            String requestName = requestName(name, revision);
            CertificateRequest request = new CertificateRequest(new ObjectMeta(requestName, namespace, cert.metadata().labels(), annotations),
                    new CertificateRequestSpec(csr, spec.issuerRef(), spec.duration(), spec.isCA(), spec.usages()));
            RequestRecord created = RequestRecord.created(request, revision, now);
            rec = rec.withRequest(created).withTransientRetries(0);
            event(AgentEvent.Type.Normal, "Requested", "Created new CertificateRequest resource \"" + requestName + "\"");
            store.save(rec);
            return Optional.of(created);
        }

        private boolean stale(RequestRecord request, KeyPair key) {
            try {
                if (!RequestMatch.violations(request.request(), spec).isEmpty()) return true;
                PKCS10CertificationRequest csr = csr(request.request().spec().request());
                if (!Arrays.equals(csr.getSubjectPublicKeyInfo().getEncoded(), key.getPublic().getEncoded())) return true;
            } catch (IllegalArgumentException | IOException e) {
                return true;
            }
            if (request.state() == RequestState.Failed) {
                // a request that failed before this issuance began belongs to an earlier attempt
                Instant issuingSince = rec.status().condition(ConditionType.Issuing).map(c -> c.lastTransitionTime()).orElse(now);
                return request.failureTime() != null && request.failureTime().isBefore(issuingSince);
            }
            return false;
        }

        /** Signing: the issuer must exist and be Ready; then its back-end answers Issued, Pending or Failed. */
        private RequestRecord sign(RequestRecord req, KeyPair key, Issuers issuers) {
            Issuer issuer;
            switch (issuers.find(spec.issuerRef(), namespace)) {
                case Issuers.Lookup.Missing m -> {
                    return req.pending(m.reason(), m.message());
                }
                case Issuers.Lookup.Found f -> issuer = f.issuer();
            }
            IssuerCheck check = backends.backend(issuer).check(issuer, secrets);
            issuerChecked = Optional.of(new IssuerState(issuer.kind().name(), issuer.metadata().namespace(), issuer.metadata().name(),
                    check.ready(), check.reason(), check.message(), now));
            if (!check.ready()) {
                return req.pending("IssuerNotReady", "Referenced issuer does not have a Ready status condition: "
                        + check.reason() + ": " + check.message());
            }
            SignOutcome outcome = backends.backend(issuer).sign(new SignRequest(req.request(), issuer, Optional.of(key.getPrivate()), secrets, now));
            return switch (outcome) {
                case SignOutcome.Issued i -> req.issued(i.chainPem(), i.caPem());
                case SignOutcome.Pending p -> req.pending("Pending", p.message());
                case SignOutcome.Failed f -> req.failed(f.reason(), f.message(), now);
            };
        }

        /** The issuing controller on a Failed request: one more failed attempt, Issuing=False, the backoff starts. */
        private Instant failed(RequestRecord req) {
            status(rec.status().withFailedIssuance(req.reason(), req.message(), rec.generation(), now).withNextPrivateKeySecretName(null));
            event(AgentEvent.Type.Warning, "Failed", CertificateStatus.ISSUANCE_FAILED_PREFIX + req.message());
            LOG.warn("Issuance of {}/{} failed: {}: {}", namespace, name, req.reason(), req.message());
            rec = rec.withTransientRetries(0);
            store.save(rec);
            store.deleteNextKey(namespace, name);
            int attempts = rec.status().failedIssuanceAttempts() == null ? 1 : rec.status().failedIssuanceAttempts();
            return now.plus(backoff.delay(attempts));
        }

        /** The issuing controller on an Issued request: check, write the Secret, record the revision, reload. */
        private Instant issued(RequestRecord req, KeyPair key) {
            Optional<Violation> invalid = IssuedCertificateCheck.check(req.certificatePem(), req.request().spec().request(), now);
            if (invalid.isPresent()) {
                RequestRecord refused = req.failed(invalid.get().reason().name(), invalid.get().message(), now);
                rec = rec.withRequest(refused);
                return failed(refused);
            }
            Secret built;
            try {
                built = secretBuilder.build(cert, key.getPrivate(), req.certificatePem(), Optional.of(req.caPem()).filter(s -> !s.isBlank()));
            } catch (KeystorePasswordNotFoundException e) {
                event(AgentEvent.Type.Warning, "KeystorePasswordSecretNotFound", e.getMessage());
                blocked("KeystorePasswordSecretNotFound", e.getMessage());
                return retryLater();
            }
            try {
                secrets.write(built);
            } catch (SecretDirectoryException | IllegalArgumentException e) {
                String message = e.getMessage() + (e.getCause() != null ? ": " + e.getCause() : "");
                LOG.warn("Cannot write the Secret of {}/{}: {}", namespace, name, message);
                event(AgentEvent.Type.Warning, "SecretWriteFailed", message);
                blocked("SecretWriteFailed", message);
                return retryLater();
            }
            status(rec.status().withIssued(req.revision()));
            event(AgentEvent.Type.Normal, "Issuing", SUCCESS_MESSAGE);
            LOG.info("Certificate {}/{} issued (revision {}) into {}", namespace, name, req.revision(), secrets.pathOf(namespace, spec.secretName()));
            // readiness again, on the new Secret: the times, Ready=True
            PolicyInput input = input(readSecret());
            status(Readiness.evaluate(input).applyTo(rec.status(), rec.generation(), now));
            rec = rec.withTransientRetries(0);
            store.save(rec);
            store.deleteNextKey(namespace, name);
            runHook();
            pruneRevisions();
            return Optional.ofNullable(rec.status().renewalTime()).orElse(now.plus(retryDelay.max()));
        }

        private void runHook() {
            String command = cert.metadata().annotations().getOrDefault(ReloadHook.ANNOTATION, defaultReloadCommand);
            if (command.isBlank()) return;
            AgentEvent result = hook.run(command, namespace + "/" + name, secrets.pathOf(namespace, spec.secretName()), clock.instant());
            if (result.type() == AgentEvent.Type.Warning) LOG.warn("{}/{}: {}", namespace, name, result.message());
            rec = rec.withEvent(result);
        }

        /** The revision manager: once Ready, keeps the newest {@code revisionHistoryLimit} requests up to the current one. */
        private void pruneRevisions() {
            if (!rec.status().hasCondition(ConditionType.Ready, ConditionStatus.True) || rec.status().revision() == null) return;
            int current = rec.status().revision();
            List<RequestRecord> old = rec.requests().stream().filter(r -> r.revision() <= current).toList();
            int excess = old.size() - Math.max(1, spec.revisionHistoryLimit());
            if (excess <= 0) return;
            List<RequestRecord> keep = new ArrayList<>(rec.requests());
            keep.removeAll(old.subList(0, excess));
            rec = rec.withRequests(keep);
        }

        /** A not-Ready Certificate shows what holds its issuance up (a Ready one stays Ready: its certificate is still good). */
        private void blocked(String reason, String message) {
            if (rec.status().hasCondition(ConditionType.Ready, ConditionStatus.True)) return;
            status(rec.status().withCondition(ConditionType.Ready, ConditionStatus.False, reason, message, rec.generation(), now));
        }

        Instant retryLater() {
            int attempts = rec.transientRetries() + 1;
            rec = rec.withTransientRetries(attempts);
            return now.plus(retryDelay.after(attempts));
        }

        private Instant laterOrRenewal() {
            return now.plus(retryDelay.max());
        }

        private void dropNextKey() {
            if (rec.status().nextPrivateKeySecretName() != null) status(rec.status().withNextPrivateKeySecretName(null));
            store.deleteNextKey(namespace, name);
        }

        private Optional<Secret> readSecret() {
            try {
                return secrets.get(namespace, spec.secretName());
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the Secret of {}/{}: {}", namespace, name, e.getMessage());
                return Optional.empty();
            }
        }

        private PolicyInput input(Optional<Secret> secret) {
            return new PolicyInput(cert, secret, rec.currentRequest().map(RequestRecord::request),
                    rec.nextRequest().map(RequestRecord::request), now);
        }

        private void status(CertificateStatus status) {
            rec = rec.withStatus(status);
        }

        void event(AgentEvent.Type type, String reason, String message) {
            rec = rec.withEvent(AgentEvent.of(type, reason, message, now));
        }

        private String nextKeyName() {
            return name + "-next-key";
        }
    }

    /** cert-manager's stable request name {@code <cert>-<revision>}, hashed when it would be too long. */
    static String requestName(String certificate, int revision) {
        String plain = certificate + "-" + revision;
        if (plain.length() <= 233) return plain;
        return certificate.substring(0, 200) + "-" + fingerprint(plain).substring(0, 16) + "-" + revision;
    }

    private static String fingerprint(Object value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PKCS10CertificationRequest csr(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof PKCS10CertificationRequest csr) return csr;
            throw new IOException("not a CERTIFICATE REQUEST");
        }
    }
}
