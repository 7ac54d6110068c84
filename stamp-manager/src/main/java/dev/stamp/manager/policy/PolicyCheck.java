package dev.stamp.manager.policy;

import java.util.Optional;

/** One check of a chain: a violation, or empty when the input passes. Checks are pure. */
@FunctionalInterface
public interface PolicyCheck {
    Optional<Violation> check(PolicyInput input);
}
