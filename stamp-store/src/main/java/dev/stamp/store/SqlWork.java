package dev.stamp.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside a transaction or as a single read. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
