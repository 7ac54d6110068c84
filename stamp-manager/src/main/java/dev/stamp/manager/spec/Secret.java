package dev.stamp.manager.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Secret as the manager sees it, whether a Kubernetes Secret or an output directory of the standalone agent:
 * metadata (annotations such as {@code cert-manager.io/issuer-name}) and data keys ({@code tls.crt}, {@code tls.key},
 * {@code ca.crt}, ...) to bytes. The byte arrays are not copied: treat them as read-only.
 */
public record Secret(ObjectMeta metadata, String type, Map<String, byte[]> data) {
    public static final String TLS_TYPE = "kubernetes.io/tls";
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String CA_CRT = "ca.crt";
    /** Who issued the Secret's certificate: written by the Secret builder, compared by the trigger policy. */
    public static final String ISSUER_NAME_ANNOTATION = "cert-manager.io/issuer-name";
    public static final String ISSUER_KIND_ANNOTATION = "cert-manager.io/issuer-kind";
    public static final String ISSUER_GROUP_ANNOTATION = "cert-manager.io/issuer-group";

    public Secret {
        Objects.requireNonNull(metadata, "metadata");
        type = type == null ? TLS_TYPE : type;
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    @Override
    public String toString() {
        return "Secret[" + metadata.namespace() + "/" + metadata.name() + ", keys=" + data.keySet() + "]";
    }
}
