package dev.stamp.it;

/** A verifier's answer: whether it accepted the chain, and what it said (the assertion message either way). */
record Verdict(boolean accepted, String transcript) {
}
