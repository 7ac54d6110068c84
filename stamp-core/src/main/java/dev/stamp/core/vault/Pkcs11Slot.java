package dev.stamp.core.vault;

/**
 * Which token a {@link Pkcs11KeyVault} uses, in the two ways SunPKCS11 can name it: the position in the
 * library's list of slots with a token, or the slot id the library reports. Immutable.
 *
 * <p>SunPKCS11 offers no selection by token label; with SoftHSM2, {@code ListIndex(0)} is the first
 * initialised token, and {@code softhsm2-util --show-slots} prints slot ids.
 */
public sealed interface Pkcs11Slot permits Pkcs11Slot.ListIndex, Pkcs11Slot.Id {

    /** SunPKCS11 {@code slotListIndex}: the n-th slot that holds a token. */
    record ListIndex(int index) implements Pkcs11Slot {
        public ListIndex {
            if (index < 0) throw new IllegalArgumentException("PKCS#11 slot list index must not be negative: " + index);
        }

        @Override public String toString() { return "slot list index " + index; }
    }

    /** SunPKCS11 {@code slot}: the slot id as the PKCS#11 library numbers it. */
    record Id(long id) implements Pkcs11Slot {
        public Id {
            if (id < 0) throw new IllegalArgumentException("PKCS#11 slot id must not be negative: " + id);
        }

        @Override public String toString() { return "slot " + id; }
    }
}
