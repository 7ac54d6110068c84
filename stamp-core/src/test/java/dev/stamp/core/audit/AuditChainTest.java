package dev.stamp.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {
    static List<AuditEntry> chain(int n) {
        List<AuditEntry> out = new ArrayList<>();
        AuditEntry prev = null;
        for (int i = 0; i < n; i++) {
            prev = AuditChain.link(prev, new AuditEvent(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "alice", "Act" + i, "ca", "t" + i, "d"));
            out.add(prev);
        }
        return out;
    }

    @Test
    void intactChainVerifies() {
        List<AuditEntry> c = chain(5);
        assertThat(AuditChain.verify(c)).isEmpty();
        assertThat(AuditChain.verify(c, 5, c.getLast().hash())).isEmpty();
    }

    @Test
    void alteredEntryIsDetected() {
        List<AuditEntry> c = chain(5);
        AuditEntry e = c.get(2);
        c.set(2, new AuditEntry(e.sequence(), new AuditEvent(e.event().at(), "mallory", e.event().action(), "ca", e.event().target(), "d"),
                e.previousHash(), e.hash()));
        assertThat(AuditChain.verify(c)).hasValueSatisfying(m -> assertThat(m).contains("entry 3").contains("altered"));
    }

    @Test
    void deletedEntryIsDetected() {
        List<AuditEntry> c = chain(5);
        c.remove(1);
        assertThat(AuditChain.verify(c)).hasValueSatisfying(m -> assertThat(m).contains("missing"));
    }

    @Test
    void insertedEntryIsDetected() {
        List<AuditEntry> c = chain(5);
        AuditEntry forged = AuditChain.link(c.get(1), new AuditEvent(Instant.EPOCH, "mallory", "Forged", "ca", "", ""));
        c.add(2, forged);
        assertThat(AuditChain.verify(c)).isPresent();
    }

    @Test
    void truncatedTailIsDetectedAgainstTheHead() {
        List<AuditEntry> c = chain(5);
        String headHash = c.getLast().hash();
        c.removeLast();
        assertThat(AuditChain.verify(c, 5, headHash)).hasValueSatisfying(m -> assertThat(m).contains("removed from the end"));
    }
}
