package dev.stamp.manager.secret;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What a Secret directory keeps beside the data files, in {@code ..data/..secret-metadata.json}: the type, labels and
 * annotations, and the data keys (so that a stray file is not mistaken for data). Holds no secret.
 */
record SecretMetadata(String type, Map<String, String> labels, Map<String, String> annotations, List<String> keys) {
    @JsonCreator
    SecretMetadata(@JsonProperty("type") String type, @JsonProperty("labels") Map<String, String> labels,
                   @JsonProperty("annotations") Map<String, String> annotations, @JsonProperty("keys") List<String> keys) {
        this.type = type;
        this.labels = labels == null ? Map.of() : labels;
        this.annotations = annotations == null ? Map.of() : annotations;
        this.keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
