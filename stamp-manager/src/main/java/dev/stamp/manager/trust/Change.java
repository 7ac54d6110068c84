package dev.stamp.manager.trust;

/** What installing or uninstalling did to a store; each outcome carries a detail naming the file, alias or command. */
public sealed interface Change {
    String detail();

    /** The root was added to the store. */
    record Added(String detail) implements Change {}

    /** The root was removed from the store. */
    record Removed(String detail) implements Change {}

    /** Nothing to do: installed already, or nothing of Stamp's to remove. */
    record Unchanged(String detail) implements Change {}

    /** The store is not on this machine; nothing was done. */
    record Absent(String detail) implements Change {}

    /** Stamp does not act on this store (macOS, Windows): {@code detail} is the exact command to run. */
    record Manual(String detail) implements Change {}
}
