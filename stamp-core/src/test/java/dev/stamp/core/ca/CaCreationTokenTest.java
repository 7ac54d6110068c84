package dev.stamp.core.ca;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.testing.InMemoryStores;
import dev.stamp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CaResources#createOnce}: one CA per idempotency token, a second request waiting on a token in use. */
class CaCreationTokenTest {
    private final MutableClock clock = MutableClock.at("2026-11-30T00:00:00Z");
    private final InMemoryStores memory = new InMemoryStores();
    private final CaResourceStore store = memory.stores().caResources();
    private final List<Duration> pauses = new ArrayList<>();
    /** Each pause moves the clock on by its length, so waiting is measured on the test's clock. */
    private final CaResources resources = new CaResources(memory.stores().cas(), store, clock, d -> {
        pauses.add(d);
        clock.advance(d);
    });

    @Test
    void aRetryWithTheTokenGetsTheFirstCaAndANullTokenAlwaysCreates() {
        assertThat(resources.createOnce("t", () -> "ca-1")).isEqualTo(new CaResources.Creation("ca-1", true));
        assertThat(resources.createOnce("t", () -> "ca-2")).isEqualTo(new CaResources.Creation("ca-1", false));
        assertThat(resources.createOnce(null, () -> "ca-3")).isEqualTo(new CaResources.Creation("ca-3", true));
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRequestFindingTheTokenInUseWaitsForTheOtherCa() {
        store.claimCreation("t", clock.instant(), clock.instant().minusSeconds(300)); // another request is creating
        List<String> created = new ArrayList<>();
        CaResources waiting = new CaResources(memory.stores().cas(), store, clock, d -> {
            pauses.add(d);
            clock.advance(d);
            if (pauses.size() == 3) store.rememberCreation("t", "ca-other", clock.instant()); // the other one finishes
        });

        var creation = waiting.createOnce("t", () -> { created.add("mine"); return "ca-mine"; });

        assertThat(creation).isEqualTo(new CaResources.Creation("ca-other", false));
        assertThat(created).isEmpty();
        assertThat(pauses).hasSize(3).containsOnly(CaResources.CREATION_POLL);
    }

    @Test
    void aTokenStillInUseAfterThePatienceIsAnsweredRequestInProgress() {
        store.claimCreation("t", clock.instant(), clock.instant().minusSeconds(300));

        assertThatThrownBy(() -> resources.createOnce("t", () -> "ca-mine"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_IN_PROGRESS))
                .hasMessageContaining("'t'");
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThan(CaResources.CREATION_PATIENCE);
    }

    @Test
    void aFailedCreationGivesTheTokenUpSoThatARetryCreates() {
        assertThatThrownBy(() -> resources.createOnce("t", () -> { throw StampException.invalidArgument("bad subject"); }))
                .hasMessageContaining("bad subject");

        assertThat(resources.createOnce("t", () -> "ca-1")).isEqualTo(new CaResources.Creation("ca-1", true));
        assertThat(pauses).isEmpty();
    }
}
