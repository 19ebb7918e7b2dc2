package dev.concord.base;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that knows how the two databases Concord runs on differ, for the code that talks
 * JDBC directly: which one this is (from the build's db kind), whether it runs in this process,
 * how a long read streams, and H2's name for a table's primary-key index.
 */
@ApplicationScoped
public class Database {
    private final AgroalDataSource dataSource;
    private final boolean h2;
    private final boolean inProcess;
    private final Map<String, String> primaryKeyIndexes = new ConcurrentHashMap<>();

    Database(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
             @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.dataSource = dataSource;
        this.h2 = "h2".equalsIgnoreCase(dbKind);
        this.inProcess = h2 && (jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:mem:"));
    }

    public boolean isH2() {
        return h2;
    }

    /** True for embedded H2: a read is a look-up in this process' page cache, with no network round trip. */
    public boolean inProcess() {
        return inProcess;
    }

    /** Work on a JDBC connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection set up for streaming a long read: read-only,
     * auto-commit off (PostgreSQL only honours the fetch size then), and on H2 lazy query
     * execution, so that H2 hands out rows as the index yields them instead of first copying the
     * whole result. The connection is put back as it was found.
     */
    public <T> T streaming(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                return streamingOn(connection, work);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Runs {@code work} on a connection the caller holds (a transaction that also writes), with
     * H2's lazy query execution on for its duration, so long results stream there too.
     */
    public <T> T streamingOn(Connection connection, Work<T> work) throws SQLException {
        if (h2) setLazy(connection, true);
        try {
            return work.run(connection);
        } finally {
            if (h2) setLazy(connection, false);
        }
    }

    /** A statement whose result is read once, front to back, {@code fetchSize} rows at a time. */
    public static PreparedStatement forwardOnly(Connection connection, String sql, int fetchSize) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return statement;
    }

    /** On H2, the name H2 gave the table's primary-key index (for an index hint); elsewhere null. Looked up once. */
    public String h2PrimaryKeyIndex(Connection connection, String table) throws SQLException {
        if (!h2) return null;
        String known = primaryKeyIndexes.get(table);
        if (known != null) return known;
        try (PreparedStatement s = connection.prepareStatement("select index_name from information_schema.indexes"
                + " where table_schema = 'PUBLIC' and table_name = ? and index_type_name = 'PRIMARY KEY'")) {
            s.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) return null;
                primaryKeyIndexes.put(table, rows.getString(1));
                return rows.getString(1);
            }
        }
    }

    private static void setLazy(Connection connection, boolean lazy) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
        }
    }
}
