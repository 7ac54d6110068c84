package dev.stamp.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per SQLite connection, because neither the SQLite driver nor the pool keeps them: every
 * {@code prepareStatement} compiled its SQL again and read its column names through JNI, a dozen times per issuance.
 *
 * <p>{@link #caching} wraps a pooled connection so that its one-argument {@code prepareStatement} hands out the
 * physical connection's statement for that SQL; closing it clears its parameters and gives it back instead of
 * finalising it (the driver resets a statement when its result set closes and after an update, so a returned
 * statement holds no read snapshot). A statement still in use (a query run again while its results are being read)
 * is not shared: the second caller gets one of its own, closed as usual. Everything else goes to the pooled
 * connection unchanged. A connection is used by one thread at a time, so a cache needs no lock of its own; the
 * caches are held weakly by physical connection and go with it when the pool closes it.
 */
final class SqliteStatements {
    /** Far more than the statements the store has, so that in practice nothing is compiled twice. */
    static final int PER_CONNECTION = 128;

    private final Map<Connection, Cache> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

    /** {@code pooled} with this cache's statements behind its one-argument {@code prepareStatement}. */
    Connection caching(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Cache cache = byConnection.computeIfAbsent(physical, p -> new Cache(p));
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new CachingConnection(pooled, cache));
    }

    /** The pooled connection behind a {@link #caching} one (for the pool's own calls, such as evicting it). */
    static Connection pooled(Connection c) {
        if (Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof CachingConnection caching) return caching.pooled;
        return c;
    }

    /** Statements of one physical connection, least recently used first. */
    private static final class Cache {
        private final Connection physical;
        private final LinkedHashMap<String, Cached> statements = new LinkedHashMap<>(32, 0.75f, true);

        Cache(Connection physical) {
            this.physical = physical;
        }

        PreparedStatement lease(Connection pooled, String sql) throws SQLException {
            Cached cached = statements.get(sql);
            if (cached != null && cached.statement.isClosed()) {
                statements.remove(sql);
                cached = null;
            }
            if (cached == null) {
                cached = new Cached(physical.prepareStatement(sql));
                statements.put(sql, cached);
                evictBeyondLimit();
            } else if (cached.leased) {
                return pooled.prepareStatement(sql);
            }
            cached.leased = true;
            return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, new Lease(cached));
        }

        private void evictBeyondLimit() {
            var it = statements.entrySet().iterator();
            while (statements.size() > PER_CONNECTION && it.hasNext()) {
                Cached eldest = it.next().getValue();
                if (eldest.leased) continue;
                it.remove();
                try {
                    eldest.statement.close();
                } catch (SQLException ignored) {
                    // Already unusable; it is out of the cache either way.
                }
            }
        }
    }

    private static final class Cached {
        final PreparedStatement statement;
        boolean leased;

        Cached(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private static final class CachingConnection implements InvocationHandler {
        final Connection pooled;
        private final Cache cache;

        CachingConnection(Connection pooled, Cache cache) {
            this.pooled = pooled;
            this.cache = cache;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                return cache.lease(pooled, (String) args[0]);
            }
            return call(pooled, method, args);
        }
    }

    /** One use of a cached statement: closing it returns the statement to the cache. */
    private static final class Lease implements InvocationHandler {
        private final Cached cached;
        private boolean closed;

        Lease(Cached cached) {
            this.cached = cached;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        try {
                            cached.statement.clearParameters();
                        } finally {
                            cached.leased = false;
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || cached.statement.isClosed();
                }
                default -> {
                    if (closed) throw new SQLException("statement is closed");
                    return call(cached.statement, method, args);
                }
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
