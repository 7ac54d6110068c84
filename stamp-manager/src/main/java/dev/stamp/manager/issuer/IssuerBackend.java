package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.SecretSource;

/**
 * One kind of issuer: checks that an issuer of its kind can sign (its {@code Ready} condition), and signs requests.
 * Implementations are thread-safe; a failure to reach the issuer is a result ({@link SignOutcome.Pending} or a not
 * ready check), never an exception.
 */
public interface IssuerBackend {
    IssuerCheck check(Issuer issuer, SecretSource secrets);

    SignOutcome sign(SignRequest request);
}
