package dev.stamp.core.ca;

import java.util.Objects;

/**
 * What a CreateCertificateAuthority found for its idempotency token ({@link CaResourceStore#claimCreation}): the
 * token is now its own, or a CA was already made with it, or another request holds it and is still creating.
 */
public sealed interface CreationClaim {
    /** Nobody used the token within the window: the caller holds it now and creates the CA. */
    record Claimed() implements CreationClaim {}

    /** A CA was created with the token within the window: a retry is answered with it. */
    record Created(String caId) implements CreationClaim {
        public Created {
            Objects.requireNonNull(caId, "caId");
        }
    }

    /** Another request claimed the token within the window and has not recorded its CA yet. */
    record InProgress() implements CreationClaim {}
}
