package dev.stamp.manager.manifest;

/**
 * Where a manifest came from: a file name (null for text read without one) and the 1-based index of the YAML
 * document in it.
 */
public record ManifestOrigin(String file, int document) {
    public ManifestOrigin {
        if (document < 1) {
            throw new IllegalArgumentException("document index must be at least 1, was " + document);
        }
    }

    @Override
    public String toString() {
        return (file == null ? "document " : file + " document ") + document;
    }
}
