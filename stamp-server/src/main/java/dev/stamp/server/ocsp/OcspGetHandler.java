package dev.stamp.server.ocsp;

import dev.stamp.server.http.RequestIds;
import dev.stamp.server.http.RequestLog;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code GET /ocsp/{base64 request}} answered by a plain Jetty handler in front of Javalin: a GET of a pre-signed
 * response is a lookup and a few hundred bytes, and Javalin's servlet path (servlet request wrappers, regex route
 * matching, before-handlers) cost most of its CPU in profiles. Everything else, POST /ocsp included, goes on to
 * Javalin. The reply is the route's ({@link OcspReplies}): same status, caching headers and metrics, plus the request
 * id header and the request log line every other request gets. Thread-safe.
 */
public final class OcspGetHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(OcspGetHandler.class);
    private static final String PREFIX = "/ocsp/";
    private static final HttpField CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, OcspReplies.RESPONSE_TYPE);
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private final OcspReplies replies;
    private final RequestIds ids;

    OcspGetHandler(OcspReplies replies, RequestIds ids) {
        this.replies = replies;
        this.ids = ids;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // The raw path: percent-decoding must not turn a base64 '+' into anything else (decode does).
        String path = request.getHttpURI().getPath();
        if (!"GET".equals(request.getMethod()) || path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        String id = ids.next();
        response.getHeaders().put(RequestIds.HEADER, id);
        int status;
        try {
            byte[] der = decode(path.substring(PREFIX.length()));
            var headers = request.getHeaders();
            OcspReplies.Reply reply = replies.reply(replies.responder().respond(der),
                    headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE));
            status = reply.status();
            send(response, reply, callback);
        } catch (RuntimeException e) {
            // Never a stack trace to the client: a 500 with the request id, the stack logged once.
            LOG.error("request id={} failed", id, e);
            status = 500;
            Response.writeError(request, response, callback, 500);
        }
        RequestLog.log(id, "GET", path, status, started);
        return true;
    }

    private static void send(Response response, OcspReplies.Reply reply, Callback callback) {
        response.setStatus(reply.status());
        var out = response.getHeaders();
        out.put(CONTENT_TYPE);
        if (reply.etag() == null) {
            out.put(NO_STORE);
        } else {
            out.put(HttpHeader.CACHE_CONTROL, reply.cacheControl());
            out.put(HttpHeader.LAST_MODIFIED, reply.lastModified());
            out.put(HttpHeader.EXPIRES, reply.expires());
            out.put(HttpHeader.ETAG, reply.etag());
        }
        out.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Decodes the path segment of an OCSP GET into DER; undecodable text becomes bytes the responder refuses. */
    private static byte[] decode(String raw) {
        try {
            String text = percentDecode(raw);
            boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Percent-decoding only: in a path, '+' is a base64 digit, not a space. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) throw new IllegalArgumentException("truncated escape");
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }
}
