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
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
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

    private final TransactionManager transactions;
    private final Map<String, IdBlocks> idBlocks = new ConcurrentHashMap<>();

    Database(AgroalDataSource dataSource, TransactionManager transactions, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
             @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.dataSource = dataSource;
        this.transactions = transactions;
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

    /**
     * Runs {@code work} in a database transaction of its own, on a pooled connection outside JTA:
     * committed when {@code work} returns, rolled back when it throws. For imports, whose one
     * transaction may last minutes: all or nothing comes from the database's own atomicity, and no
     * transaction timeout applies. A JTA transaction would be ended by Narayana's reaper after its
     * timeout (an import of 100,000 labels answered 500 at 60 s), and a thread interrupted while H2
     * reads or writes its file closes H2's file channel and with it the store for every user. A
     * chunked import with a visibility flag would make every reader of examples and labels filter
     * the flag, and a staging table would write every row twice; one long transaction costs neither.
     * Row locks are taken only on rows the work writes (new rows, and the queue rows an annotation
     * import counts, last), so the labeling path waits on nothing but those.
     *
     * <p>The caller must not be inside a JTA transaction: what that one wrote is not visible here.
     */
    public <T> T inOwnTransaction(Work<T> work) throws SQLException {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                throw new IllegalStateException("inOwnTransaction is called inside a JTA transaction, whose writes it would not see");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Ids for a table's rows written with plain JDBC, from its sequence in blocks (see {@link IdBlocks}). */
    public IdBlocks ids(String sequence) {
        return idBlocks.computeIfAbsent(sequence, s -> new IdBlocks(h2 ? "select next value for " + s : "select nextval('" + s + "')"));
    }

    /** True when the failure is a unique constraint's (SQLState 23505 on H2 and PostgreSQL alike). */
    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) return true;
        }
        return false;
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
