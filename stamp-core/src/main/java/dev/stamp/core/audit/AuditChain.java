package dev.stamp.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hash chain over audit entries: hash = SHA-256(sequence, time, actor, action, CA, target, detail, previous hash),
 * each field length-prefixed so that no two different entries encode alike. Stateless and thread-safe; a store
 * calls {@link #link} while it holds the lock on the chain's head.
 */
public final class AuditChain {
    private AuditChain() {}

    /** The entry that follows {@code previous} (null for the first one). */
    public static AuditEntry link(AuditEntry previous, AuditEvent event) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String prevHash = previous == null ? AuditEntry.GENESIS : previous.hash();
        return new AuditEntry(sequence, event, prevHash, hash(sequence, event, prevHash));
    }

    /** Finds the first broken link, or empty when the whole chain holds. */
    public static Optional<String> verify(Iterable<AuditEntry> entries) {
        long expectedSequence = 1;
        String expectedPrevious = AuditEntry.GENESIS;
        for (AuditEntry e : entries) {
            if (e.sequence() != expectedSequence) {
                return Optional.of("entry " + e.sequence() + " follows entry " + (expectedSequence - 1)
                        + ": " + (e.sequence() > expectedSequence ? "entries are missing" : "entries are duplicated or reordered"));
            }
            if (!e.previousHash().equals(expectedPrevious)) {
                return Optional.of("entry " + e.sequence() + " does not link to the entry before it (an entry was removed, inserted or altered)");
            }
            if (!e.hash().equals(hash(e.sequence(), e.event(), e.previousHash()))) {
                return Optional.of("entry " + e.sequence() + " (" + e.event().action() + ") was altered: its hash does not match its content");
            }
            expectedSequence++;
            expectedPrevious = e.hash();
        }
        return Optional.empty();
    }

    /** Verifies the chain and that it ends at the recorded head (which catches removal of the last entries). */
    public static Optional<String> verify(List<AuditEntry> entries, long headSequence, String headHash) {
        Optional<String> broken = verify(entries);
        if (broken.isPresent()) return broken;
        long last = entries.isEmpty() ? 0 : entries.getLast().sequence();
        String lastHash = entries.isEmpty() ? AuditEntry.GENESIS : entries.getLast().hash();
        if (last != headSequence || !lastHash.equals(headHash)) {
            return Optional.of("the chain ends at entry " + last + " but its head records entry " + headSequence
                    + ": entries were removed from the end");
        }
        return Optional.empty();
    }

    static String hash(long sequence, AuditEvent e, String previousHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        sha.update(ByteBuffer.allocate(16).putLong(sequence).putLong(e.at().toEpochMilli()).array());
        for (String field : new String[] {e.actor(), e.action(), e.caId(), e.target(), e.detail(), previousHash}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
