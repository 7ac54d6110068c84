package dev.stamp.manager.agent;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.manager.issuer.IssuerBackends;
import dev.stamp.manager.key.CsrBuilder;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.manifest.ManifestDirectory;
import dev.stamp.manager.manifest.ManifestResult;
import dev.stamp.manager.secret.SecretDirectory;
import dev.stamp.manager.secret.TlsSecretBuilder;
import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.Issuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The standalone agent: reads the manifests of {@link AgentSettings#configDir()}, reconciles each Certificate when it
 * changes and when it is next due (renewal time, backoff end, pending retry), applies renewal requests dropped by
 * {@code stamp agent renew}, and serves metrics. An invalid manifest is reported (log and {@code status}) and does not
 * stop the others; a deleted Certificate stops being managed and its Secret stays, as cert-manager without owner
 * references.
 * <p>
 * {@link #start()} runs it: one scheduler thread does all reconciliation, one watcher thread turns file changes in the
 * config and renewal directories into wake-ups. The package-visible step methods ({@link #loadManifests},
 * {@link #applyRenewals}, {@link #runDue}) let tests drive it with a movable clock and no threads. Thread-safe: every
 * step holds the agent's lock.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** The scheduler looks again at least this often, so a missed file event costs a minute at most. */
    private static final Duration MAX_SLEEP = Duration.ofSeconds(60);
    /** Editors write a file in several steps: wait for the burst to end before reading. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final AgentSettings settings;
    private final AgentStore store;
    private final IssuerBackends backends;
    private final SecretDirectory secrets;
    private final Reconciler reconciler;
    private final InstantSource clock;

    private final Map<String, Certificate> certificates = new TreeMap<>();
    private Issuers issuers = Issuers.NONE;
    private List<ManifestProblem> problems = List.of();
    private final Map<String, IssuerState> issuerStates = new TreeMap<>();
    private final Map<String, Instant> due = new HashMap<>();
    private final Map<String, CertificateRecord> records = new TreeMap<>();

    private final Object signal = new Object();
    private boolean reloadWanted;
    private boolean renewWanted;
    private volatile boolean running;
    private Thread scheduler;
    private Thread watcher;
    private WatchService watchService;
    private MetricsServer metricsServer;

    private Agent(AgentSettings settings, AgentStore store, IssuerBackends backends, SecretDirectory secrets, Reconciler reconciler, InstantSource clock) {
        this.settings = settings;
        this.store = store;
        this.backends = backends;
        this.secrets = secrets;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    /**
     * Opens the agent over its data directory (locking it) without starting anything.
     *
     * @throws AgentStoreException when another agent runs on the data directory
     */
    public static Agent open(AgentSettings settings, InstantSource clock, SecureRandom random, CryptoProviders providers) {
        AgentStore store = AgentStore.lock(settings.dataDir());
        try {
            SecretDirectory secrets = new SecretDirectory(settings.outputDir());
            IssuerBackends backends = new IssuerBackends(settings.clusterResourceNamespace(), settings.aws(), providers, clock.withZone(ZoneOffset.UTC), random);
            Reconciler reconciler = new Reconciler(store, secrets, backends, new PrivateKeys(random), new CsrBuilder(random),
                    new TlsSecretBuilder(random, secrets), new ReloadHook(settings.hookTimeout()), settings.reloadCommand(),
                    settings.backoff(), RetryDelay.DEFAULT, clock);
            Agent agent = new Agent(settings, store, backends, secrets, reconciler, clock);
            for (CertificateRecord r : store.loadAll()) agent.records.put(key(r.namespace(), r.name()), r);
            return agent;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts the scheduler, the watcher and the metrics listener; the first pass runs at once. */
    public synchronized void start() {
        if (running) return;
        running = true;
        try {
            Files.createDirectories(settings.configDir());
            Files.createDirectories(store.renewDir());
            watchService = FileSystems.getDefault().newWatchService();
            settings.configDir().register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            store.renewDir().register(watchService, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            running = false;
            throw new AgentStoreException("cannot watch " + settings.configDir() + " and " + store.renewDir() + ": " + e.getMessage(), e);
        }
        if (settings.metricsListen() != null) metricsServer = MetricsServer.start(settings.metricsListen(), this::metrics);
        reloadWanted = true;
        renewWanted = true;
        scheduler = Thread.ofPlatform().name("stamp-agent-scheduler").start(this::schedule);
        watcher = Thread.ofPlatform().name("stamp-agent-watcher").daemon().start(this::watch);
        LOG.info("stamp agent watching {} (Secrets in {}, state in {})", settings.configDir(), settings.outputDir(), store.dir());
    }

    /** The port metrics are served on (useful when listening on port 0), or -1. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    // ---- steps

    /** Reads the config directory: new and changed Certificates become due now, deleted ones are forgotten. */
    synchronized void loadManifests() {
        List<ManifestDirectory.ManifestFile> files;
        try {
            files = ManifestDirectory.read(settings.configDir(), settings.defaultNamespace());
        } catch (IOException e) {
            LOG.error("cannot read the config directory {}: {}", settings.configDir(), e.toString());
            return;
        }
        Map<String, Certificate> found = new LinkedHashMap<>();
        List<Issuer> issuerList = new ArrayList<>();
        List<ManifestProblem> foundProblems = new ArrayList<>();
        for (ManifestDirectory.ManifestFile file : files) {
            for (ManifestResult doc : file.documents()) {
                switch (doc) {
                    case ManifestResult.CertificateManifest c -> {
                        String k = key(c.certificate().metadata().namespace(), c.certificate().metadata().name());
                        if (found.putIfAbsent(k, c.certificate()) != null) {
                            foundProblems.add(new ManifestProblem(doc.origin().toString(), "Certificate", c.certificate().metadata().namespace(),
                                    c.certificate().metadata().name(), List.of(doc.origin() + ": Certificate " + k + " is defined more than once; the first definition is used")));
                        }
                    }
                    case ManifestResult.IssuerManifest i -> issuerList.add(i.issuer());
                    case ManifestResult.CertificateRequestManifest r ->
                            LOG.info("{}: CertificateRequest {} ignored: the agent makes its own requests", doc.origin(), r.request().metadata().name());
                    case ManifestResult.Invalid bad -> {
                        foundProblems.add(new ManifestProblem(bad.origin().toString(), bad.kind(), bad.namespace(), bad.name(), bad.messages()));
                        keepPrevious(bad, found, issuerList);
                    }
                }
            }
        }
        if (!foundProblems.equals(problems)) {
            for (ManifestProblem p : foundProblems) p.messages().forEach(m -> LOG.warn("invalid manifest: {}", m));
        }
        problems = List.copyOf(foundProblems);
        Issuers newIssuers = Issuers.of(issuerList);
        boolean issuersChanged = !newIssuers.equals(issuers);
        issuers = newIssuers;
        if (issuersChanged) checkIssuers();
        for (String k : new ArrayList<>(certificates.keySet())) {
            if (!found.containsKey(k)) {
                Certificate gone = certificates.remove(k);
                due.remove(k);
                records.remove(k);
                store.delete(gone.metadata().namespace(), gone.metadata().name());
                LOG.info("Certificate {} removed from {}: no longer managed (its Secret stays)", k, settings.configDir());
            }
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Certificate> e : found.entrySet()) {
            Certificate old = certificates.put(e.getKey(), e.getValue());
            if (old == null || !old.equals(e.getValue()) || issuersChanged) due.put(e.getKey(), now);
        }
        // A record left by a Certificate deleted while the agent was stopped.
        for (CertificateRecord r : List.copyOf(records.values())) {
            String k = key(r.namespace(), r.name());
            if (!certificates.containsKey(k)) {
                records.remove(k);
                store.delete(r.namespace(), r.name());
            }
        }
        saveSnapshot();
    }

    /**
     * An invalid edit of a resource the agent already uses leaves the last valid version in force, as cert-manager's
     * webhook refuses the update and the old object stays: a typo does not stop renewals or forget a Certificate.
     */
    private void keepPrevious(ManifestResult.Invalid bad, Map<String, Certificate> found, List<Issuer> issuerList) {
        if (bad.name().isEmpty()) return;
        String ns = bad.namespace().isEmpty() ? settings.defaultNamespace() : bad.namespace();
        if (bad.kind().equals("Certificate")) {
            Certificate previous = certificates.get(key(ns, bad.name()));
            if (previous != null) {
                found.putIfAbsent(key(ns, bad.name()), previous);
                LOG.warn("{}: Certificate {}/{} keeps its last valid spec until the manifest is fixed", bad.origin(), ns, bad.name());
            }
            return;
        }
        issuers.byKey().values().stream()
                .filter(i -> i.kind().name().equals(bad.kind()) && i.metadata().name().equals(bad.name())
                        && (i.kind().clusterScoped() || i.metadata().namespace().equals(ns)))
                .findFirst().ifPresent(previous -> {
                    issuerList.add(previous);
                    LOG.warn("{}: {} {} keeps its last valid spec until the manifest is fixed", bad.origin(), bad.kind(), bad.name());
                });
    }

    /** cert-manager's issuer controllers: each issuer's Ready condition, checked when the issuers change. */
    private void checkIssuers() {
        Instant now = clock.instant();
        issuerStates.clear();
        for (Issuer issuer : issuers.byKey().values()) {
            try {
                var check = backends.backend(issuer).check(issuer, secrets);
                IssuerState state = new IssuerState(issuer.kind().name(), issuer.metadata().namespace(), issuer.metadata().name(),
                        check.ready(), check.reason(), check.message(), now);
                issuerStates.put(state.kind() + "/" + state.namespace() + "/" + state.name(), state);
                if (!check.ready()) {
                    LOG.warn("{} {} is not ready: {}: {}", issuer.kind(), issuer.metadata().name(), check.reason(), check.message());
                }
            } catch (RuntimeException e) {
                LOG.warn("checking {} {} failed: {}", issuer.kind(), issuer.metadata().name(), e.toString());
            }
        }
    }

    /** Applies renewal requests from {@code stamp agent renew}: Issuing=True/ManuallyTriggered, due now. */
    synchronized void applyRenewals() {
        Instant now = clock.instant();
        for (AgentStore.Renewal r : store.pendingRenewals()) {
            List<String> keys = r.all() ? List.copyOf(certificates.keySet()) : List.of(key(r.namespace(), r.name()));
            for (String k : keys) {
                Certificate c = certificates.get(k);
                if (c == null) {
                    LOG.warn("renewal requested for Certificate {}, which is not in {}", k, settings.configDir());
                    continue;
                }
                records.put(k, reconciler.renew(c));
                due.put(k, now);
                LOG.info("Certificate {}: re-issuance manually triggered", k);
            }
            store.consumed(r);
        }
    }

    /** Reconciles every Certificate that is due; returns how many passes ran. */
    synchronized int runDue() {
        Instant now = clock.instant();
        Map<String, List<String>> bySecret = new HashMap<>();
        for (Map.Entry<String, Certificate> e : certificates.entrySet()) {
            Certificate c = e.getValue();
            bySecret.computeIfAbsent(c.metadata().namespace() + "/" + c.spec().secretName(), x -> new ArrayList<>()).add(c.metadata().name());
        }
        int passes = 0;
        for (Map.Entry<String, Certificate> e : List.copyOf(certificates.entrySet())) {
            Instant at = due.get(e.getKey());
            if (at == null || at.isAfter(now)) continue;
            Certificate c = e.getValue();
            Optional<String> duplicate = bySecret.get(c.metadata().namespace() + "/" + c.spec().secretName()).stream()
                    .filter(n -> !n.equals(c.metadata().name())).findFirst();
            passes++;
            Reconciler.Result result;
            try {
                result = reconciler.reconcile(c, issuers, duplicate);
            } catch (RuntimeException ex) {
                // the store itself failed (a full disk, a lost directory): try this one again later, carry on with the others
                LOG.error("Certificate {}: {}", e.getKey(), ex.getMessage(), ex);
                due.put(e.getKey(), now.plus(RetryDelay.DEFAULT.max()));
                continue;
            }
            CertificateRecord before = records.put(e.getKey(), result.record());
            due.put(e.getKey(), result.nextRun());
            result.issuerChecked().ifPresent(s -> issuerStates.put(s.kind() + "/" + s.namespace() + "/" + s.name(), s));
            Integer revisionBefore = before == null ? null : before.status().revision();
            if (!Objects.equals(revisionBefore, result.record().status().revision())) {
                wakeWaitingOnIssuers(now);
            }
        }
        if (passes > 0) saveSnapshot();
        return passes;
    }

    /**
     * A Secret was just written, which may be the key pair a {@code ca} issuer waits for (a CA Certificate bootstrapped
     * by a selfSigned issuer): Certificates whose request waits for a not-ready issuer try again now rather than after
     * their retry delay.
     */
    private void wakeWaitingOnIssuers(Instant now) {
        for (Map.Entry<String, CertificateRecord> r : records.entrySet()) {
            boolean waiting = r.getValue().nextRequest()
                    .filter(q -> q.state() == RequestState.Pending && "IssuerNotReady".equals(q.reason())).isPresent();
            Instant at = due.get(r.getKey());
            if (waiting && at != null && at.isAfter(now)) due.put(r.getKey(), now);
        }
    }

    /** When the next pass is due, if any Certificate is managed. */
    synchronized Optional<Instant> nextDue() {
        return due.values().stream().min(Comparator.naturalOrder());
    }

    // ---- views

    /** The current record of a managed Certificate. */
    public synchronized Optional<CertificateRecord> record(String namespace, String name) {
        return Optional.ofNullable(records.get(key(namespace, name)));
    }

    public synchronized List<ManifestProblem> problems() {
        return problems;
    }

    /** The Prometheus text of cert-manager's certificate metrics. */
    public synchronized String metrics() {
        return AgentMetrics.render(records.values());
    }

    /** What {@code stamp agent status} prints for every managed Certificate, and the manifest problems. */
    public synchronized String status() {
        return StatusReport.render(List.copyOf(records.values()), snapshot(), secrets, clock.instant(), Optional.empty(), Optional.empty());
    }

    // ---- threads

    private void schedule() {
        while (running) {
            boolean reload;
            boolean renew;
            synchronized (signal) {
                reload = reloadWanted;
                renew = renewWanted;
                reloadWanted = false;
                renewWanted = false;
            }
            try {
                if (reload) loadManifests();
                if (renew || reload) applyRenewals();
                runDue();
            } catch (RuntimeException e) {
                LOG.error("agent pass failed; retrying", e);
            }
            Duration sleep = nextDue().map(t -> Duration.between(clock.instant(), t)).orElse(MAX_SLEEP);
            if (sleep.compareTo(MAX_SLEEP) > 0) sleep = MAX_SLEEP;
            synchronized (signal) {
                if (!reloadWanted && !renewWanted && running && sleep.isPositive()) {
                    try {
                        signal.wait(Math.max(1, sleep.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void watch() {
        while (running) {
            WatchKey key;
            try {
                key = watchService.take();
                Thread.sleep(SETTLE.toMillis());
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            key.pollEvents();
            key.reset();
            synchronized (signal) {
                if (dir.equals(store.renewDir())) renewWanted = true;
                else reloadWanted = true;
                signal.notifyAll();
            }
        }
    }

    private void saveSnapshot() {
        try {
            store.saveSnapshot(snapshot());
        } catch (AgentStoreException e) {
            LOG.warn("cannot save the agent's state for 'stamp agent status': {}", e.getMessage());
        }
    }

    private AgentSnapshot snapshot() {
        return new AgentSnapshot(settings.outputDir().toAbsolutePath().toString(), problems, List.copyOf(issuerStates.values()));
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Stops the threads and the metrics listener, then releases the data directory. */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            if (watchService != null) watchService.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        if (scheduler != null) {
            try {
                scheduler.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (metricsServer != null) metricsServer.close();
        synchronized (this) {
            backends.close();
            store.close();
        }
    }
}
