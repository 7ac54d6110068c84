package dev.stamp.core.ca;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.issue.Issuance;
import dev.stamp.core.store.CaStore;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tags, the resource policy, permissions and audit reports of a CA, with AWS's limits: at most 50 tags, one
 * permission per principal and source account, one audit report per CA every 30 minutes (a request inside that
 * window gets the existing report). The CA must exist and not be DELETED. Also the idempotency tokens of CA
 * creation ({@link #createOnce}).
 */
public final class CaResources {
    public static final int MAX_TAGS = 50;
    public static final Duration REPORT_INTERVAL = Duration.ofMinutes(30);
    /** Longer than any key generation should take; past it a request waiting on another's token hears it is still in progress. */
    public static final Duration CREATION_PATIENCE = Duration.ofSeconds(30);
    /** Between looks at a token another request holds. */
    static final Duration CREATION_POLL = Duration.ofMillis(50);

    private final CaStore cas;
    private final CaResourceStore store;
    private final InstantSource clock;
    private final Pause pause;

    /** Waits between looks at a creation token another request holds; tests pass one that moves their clock. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration);

        /** The thread sleeps (a virtual thread gives its carrier up meanwhile). */
        static Pause sleeping() {
            return duration -> {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for another CreateCertificateAuthority", e);
                }
            };
        }
    }

    /** What {@link #createOnce} answered: the CA, and whether this call made it (false: an earlier one with the token did). */
    public record Creation(String caId, boolean made) {
        public Creation {
            Objects.requireNonNull(caId, "caId");
        }
    }

    public CaResources(CaStore cas, CaResourceStore store, InstantSource clock, Pause pause) {
        this.cas = Objects.requireNonNull(cas, "cas");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    public List<CaTag> tags(String caId) {
        existing(caId);
        return store.tags(caId);
    }

    /** @throws StampException LIMIT_EXCEEDED when the CA would have more than {@link #MAX_TAGS} tags */
    public void tag(String caId, List<CaTag> tags, String actor) {
        existing(caId);
        if (tags.isEmpty() || tags.size() > MAX_TAGS) throw StampException.invalidArgument("give 1 to " + MAX_TAGS + " tags, not " + tags.size());
        if (!store.addTags(caId, tags, MAX_TAGS, event(actor, "ca.tag", caId, keys(tags)))) {
            throw StampException.limit("a CA has at most " + MAX_TAGS + " tags; these would make more");
        }
    }

    public void untag(String caId, List<CaTag> tags, String actor) {
        existing(caId);
        if (tags.isEmpty() || tags.size() > MAX_TAGS) throw StampException.invalidArgument("give 1 to " + MAX_TAGS + " tags, not " + tags.size());
        store.removeTags(caId, tags, event(actor, "ca.untag", caId, keys(tags)));
    }

    /** @throws StampException NOT_FOUND when the CA has no policy */
    public String policy(String caId) {
        existing(caId);
        return store.policy(caId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " has no resource policy"));
    }

    public void putPolicy(String caId, String policy, String actor) {
        existing(caId);
        Objects.requireNonNull(policy, "policy");
        store.setPolicy(caId, policy, event(actor, "ca.policy.put", caId, policy.length() + " characters"));
    }

    /** @throws StampException NOT_FOUND when the CA has no policy */
    public void deletePolicy(String caId, String actor) {
        existing(caId);
        if (!store.setPolicy(caId, null, event(actor, "ca.policy.delete", caId, ""))) {
            throw StampException.notFound("certificate authority " + caId + " has no resource policy");
        }
    }

    public List<CaPermission> permissions(String caId) {
        existing(caId);
        return store.permissions(caId);
    }

    /** @throws StampException CONFLICT when the principal (and source account) already has a permission */
    public void addPermission(String caId, String principal, String sourceAccount, List<String> actions, String actor) {
        existing(caId);
        var permission = new CaPermission(principal, sourceAccount, actions, clock.instant());
        if (!store.addPermission(caId, permission, event(actor, "ca.permission.create", caId, principal + " " + actions))) {
            throw StampException.conflict("the permission for " + principal + (sourceAccount == null ? "" : " and account " + sourceAccount) + " already exists");
        }
    }

    /** @throws StampException NOT_FOUND when there is no such permission */
    public void removePermission(String caId, String principal, String sourceAccount, String actor) {
        existing(caId);
        if (!store.removePermission(caId, principal, sourceAccount, event(actor, "ca.permission.delete", caId, principal))) {
            throw StampException.notFound("certificate authority " + caId + " has no permission for " + principal);
        }
    }

    /**
     * Runs {@code create} (which makes a CA and returns its id) once per idempotency token within
     * {@link Issuance#IDEMPOTENCY_WINDOW}, as AWS's CreateCertificateAuthority does: a retry gets the CA the first
     * request made, and two requests with one token arriving together make one CA, the second waiting for the
     * first (a key generation may take seconds in an HSM) rather than failing a client that did nothing wrong. The
     * token is claimed in the store first ({@link CaResourceStore#claimCreation}); a creation that fails gives it
     * up again. A null token always creates.
     *
     * @throws StampException REQUEST_IN_PROGRESS when the other request has not finished within {@link #CREATION_PATIENCE}
     */
    public Creation createOnce(String token, Supplier<String> create) {
        if (token == null) return new Creation(create.get(), true);
        Instant deadline = clock.instant().plus(CREATION_PATIENCE);
        while (true) {
            Instant now = clock.instant();
            switch (store.claimCreation(token, now, now.minus(Issuance.IDEMPOTENCY_WINDOW))) {
                case CreationClaim.Created created -> {
                    return new Creation(created.caId(), false);
                }
                case CreationClaim.InProgress inProgress -> {
                    if (now.isAfter(deadline)) {
                        throw new StampException(ErrorCode.REQUEST_IN_PROGRESS, "a CreateCertificateAuthority with"
                                + " idempotency token '" + token + "' is still in progress");
                    }
                    pause.pause(CREATION_POLL);
                }
                case CreationClaim.Claimed claimed -> {
                    String caId;
                    try {
                        caId = create.get();
                    } catch (RuntimeException | Error e) {
                        store.releaseCreation(token);
                        throw e;
                    }
                    store.rememberCreation(token, caId, clock.instant());
                    return new Creation(caId, true);
                }
            }
        }
    }

    /** The newest report if it is less than {@link #REPORT_INTERVAL} old, so that a repeated request gets the same one. */
    public Optional<AuditReport> recentReport(String caId) {
        existing(caId);
        return store.latestReport(caId).filter(r -> r.createdAt().plus(REPORT_INTERVAL).isAfter(clock.instant()));
    }

    public void saveReport(AuditReport report, String actor) {
        existing(report.caId());
        store.saveReport(report, event(actor, "ca.audit-report", report.caId(), report.id() + " " + report.format()));
    }

    /** @throws StampException NOT_FOUND for an unknown report */
    public AuditReport report(String caId, String reportId) {
        cas.find(caId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " does not exist"));
        return store.report(caId, reportId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " has no audit report " + reportId));
    }

    private CertificateAuthority existing(String caId) {
        CertificateAuthority ca = cas.find(caId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " does not exist"));
        if (ca.status() == CaStatus.DELETED) throw StampException.invalidState("certificate authority " + caId + " is DELETED");
        return ca;
    }

    private AuditEvent event(String actor, String action, String caId, String detail) {
        return new AuditEvent(clock.instant(), actor == null ? "local" : actor, action, caId, caId, detail);
    }

    private static String keys(List<CaTag> tags) {
        return String.join(",", tags.stream().map(CaTag::key).toList());
    }
}
