package dev.stamp.it;

/** One independent implementation of RFC 5280 path validation, asked about a chain written to disk. */
interface ChainVerifier {
    Verdict verify(ChainFiles files);
}
