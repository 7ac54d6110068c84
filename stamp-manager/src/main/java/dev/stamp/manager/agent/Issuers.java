package dev.stamp.manager.agent;

import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.IssuerRef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The issuers read from the manifests, found the way cert-manager resolves an {@code issuerRef}: a namespaced kind in
 * the Certificate's namespace, a cluster kind by name alone.
 */
record Issuers(Map<String, Issuer> byKey) {
    static final Issuers NONE = new Issuers(Map.of());

    Issuers {
        byKey = Map.copyOf(byKey);
    }

    static Issuers of(List<Issuer> issuers) {
        Map<String, Issuer> map = new HashMap<>();
        for (Issuer i : issuers) map.put(key(i.kind(), i.metadata().namespace(), i.metadata().name()), i);
        return new Issuers(map);
    }

    /** The issuer, or why there is none, in cert-manager's words. */
    sealed interface Lookup {
        record Found(Issuer issuer) implements Lookup {}

        record Missing(String reason, String message) implements Lookup {}
    }

    Lookup find(IssuerRef ref, String certificateNamespace) {
        Optional<IssuerKind> kind = IssuerKind.of(ref.group(), ref.kind());
        if (kind.isEmpty()) {
            return new Lookup.Missing("IssuerNotFound", "Referenced issuer kind \"" + ref.kind() + "\" of group \"" + ref.group()
                    + "\" is not supported by Stamp");
        }
        String ns = kind.get().clusterScoped() ? "" : certificateNamespace;
        Issuer issuer = byKey.get(key(kind.get(), ns, ref.name()));
        if (issuer == null) {
            return new Lookup.Missing("IssuerNotFound", "Referenced \"" + ref.kind() + "\" not found: "
                    + ref.kind().toLowerCase(java.util.Locale.ROOT) + "." + ref.group() + " \"" + ref.name() + "\" not found");
        }
        return new Lookup.Found(issuer);
    }

    private static String key(IssuerKind kind, String namespace, String name) {
        return kind.name() + "/" + (kind.clusterScoped() ? "" : namespace) + "/" + name;
    }
}
