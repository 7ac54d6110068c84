package dev.stamp.manager.policy;

import java.util.List;
import java.util.Optional;

/**
 * An ordered list of checks evaluated first hit wins, as cert-manager's {@code policies.Chain}. Later checks may assume
 * the earlier ones passed (a Secret exists and holds a decodable key and certificate).
 */
public record PolicyChain(List<PolicyCheck> checks) {
    /** What both of cert-manager's chains check first, in its order: the Secret, then the current request. */
    private static final List<PolicyCheck> SECRET_AND_REQUEST = List.of(
            Checks.SECRET_DOES_NOT_EXIST,
            Checks.SECRET_IS_MISSING_DATA,
            Checks.SECRET_PUBLIC_KEYS_DIFFER,
            Checks.SECRET_ISSUER_ANNOTATIONS_MISMATCH,
            Checks.SECRET_CERTIFICATE_NAME_ANNOTATION_MISMATCH,
            Checks.SECRET_PRIVATE_KEY_MISMATCHES_SPEC,
            Checks.SECRET_PUBLIC_KEY_DIFFERS_FROM_CURRENT_REQUEST,
            Checks.CURRENT_REQUEST_MISMATCHES_SPEC);
    /**
     * The trigger chain ({@code NewTriggerPolicyChain}): a violation means the Certificate must be (re-)issued.
     */
    public static final PolicyChain TRIGGER = endingWith(Checks.CURRENT_CERTIFICATE_NEARING_EXPIRY);

    /**
     * The readiness chain ({@code NewReadinessPolicyChain}): the same checks, ending with expiry instead of renewal; a
     * violation means the Certificate is not Ready.
     */
    public static final PolicyChain READINESS = endingWith(Checks.CURRENT_CERTIFICATE_HAS_EXPIRED);

    private static PolicyChain endingWith(PolicyCheck last) {
        var checks = new java.util.ArrayList<>(SECRET_AND_REQUEST);
        checks.add(last);
        return new PolicyChain(checks);
    }

    public PolicyChain {
        checks = List.copyOf(checks);
    }

    /** The first violation, or empty when every check passes. */
    public Optional<Violation> evaluate(PolicyInput input) {
        for (PolicyCheck check : checks) {
            Optional<Violation> violation = check.check(input);
            if (violation.isPresent()) return violation;
        }
        return Optional.empty();
    }
}
