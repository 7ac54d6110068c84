package dev.stamp.server.aws;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaResources;
import dev.stamp.core.ca.CreationClaim;
import dev.stamp.core.issue.Issuance;

import java.time.Duration;
import java.util.Optional;

/**
 * CreateCertificateAuthority's idempotency token: a retry within the window gets the CA the first request made,
 * and two requests with one token arriving together make one CA. The second waits for the first to finish (making
 * a CA takes a key generation, which may take seconds in an HSM) rather than failing a client that did nothing wrong.
 */
final class CreationTokens {
    /** Longer than any key generation should take; past it the client hears the request is still in progress. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private CreationTokens() {}

    /**
     * Empty when this request now holds the token and must create the CA (then record it or release the token);
     * else the CA made with the token.
     *
     * @throws StampException REQUEST_IN_PROGRESS when the other request has not finished within {@link #PATIENCE}
     */
    static Optional<String> claim(CaResources resources, String token) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            switch (resources.claimCreation(token, Issuance.IDEMPOTENCY_WINDOW)) {
                case CreationClaim.Claimed claimed -> {
                    return Optional.empty();
                }
                case CreationClaim.Created created -> {
                    return Optional.of(created.caId());
                }
                case CreationClaim.InProgress inProgress -> {
                    if (System.nanoTime() - deadline > 0) {
                        throw new StampException(ErrorCode.REQUEST_IN_PROGRESS, "a CreateCertificateAuthority with"
                                + " idempotency token '" + token + "' is still in progress");
                    }
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another CreateCertificateAuthority", e);
        }
    }
}
