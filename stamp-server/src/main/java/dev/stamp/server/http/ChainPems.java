package dev.stamp.server.http;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.cert.X509CertificateHolder;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PEM text of each CA's chain, as sent with every issued certificate. Encoding it means re-encoding each parsed
 * certificate, a cost per response for text that changes only when the CA's row does. The store hands out the same
 * parsed CA (hence the same certificate objects) until the row changes, so an entry is reused while the chain's
 * first certificate is the very object it was made from. Thread-safe.
 */
public final class ChainPems {
    private record Entry(X509CertificateHolder first, int size, String pem) {}

    private final ConcurrentHashMap<String, Entry> byCa = new ConcurrentHashMap<>();

    /** The PEM of {@code chain} ("" when empty), the chain of certificates issued by CA {@code caId}. */
    public String of(String caId, List<X509CertificateHolder> chain) {
        if (chain.isEmpty()) return "";
        Entry known = byCa.get(caId);
        if (known != null && known.first() == chain.getFirst() && known.size() == chain.size()) return known.pem();
        String pem = Pem.certificates(chain);
        byCa.put(caId, new Entry(chain.getFirst(), chain.size(), pem));
        return pem;
    }
}
