package dev.stamp.manager.trust;

/** What a store says about a root: each outcome carries a detail naming the store's file, alias or command. */
public sealed interface Status {
    String detail();

    /** The store trusts the root (as a TLS server anchor). */
    record Trusted(String detail) implements Status {}

    /** The store exists and does not trust the root. */
    record NotTrusted(String detail) implements Status {}

    /** The store is not on this machine (no such file, directory or program). */
    record Absent(String detail) implements Status {}

    /** Stamp cannot look (macOS, Windows): {@code detail} is the command that does. */
    record Manual(String detail) implements Status {}
}
