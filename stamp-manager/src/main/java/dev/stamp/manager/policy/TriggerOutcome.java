package dev.stamp.manager.policy;

import java.time.Instant;
import java.util.Objects;

/** What the trigger decided for one Certificate. */
public sealed interface TriggerOutcome {
    /** Issue now: set Issuing=True with this reason and message. */
    record Issue(String reason, String message) implements TriggerOutcome {
        public Issue {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A previous failure is backing off: look again at {@code until}. */
    record Wait(Instant until, String why) implements TriggerOutcome {
        public Wait {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(why, "why");
        }
    }

    /** Nothing to do: look again at the renewal time. */
    record UpToDate(Instant nextCheck) implements TriggerOutcome {
        public UpToDate {
            Objects.requireNonNull(nextCheck, "nextCheck");
        }
    }
}
