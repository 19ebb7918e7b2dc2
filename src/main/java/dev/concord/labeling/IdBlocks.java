package dev.concord.labeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ids for the rows the queue writes with plain JDBC, taken from the table's sequence the way
 * Hibernate's pooled-lo optimizer (Quarkus' default) takes them for its entities: the sequence
 * steps by 50, and each value v taken gives the ids v .. v+49. Hibernate's blocks for the same
 * table come from other values, so the two never meet, whatever the instance. One sequence call
 * per 50 rows instead of one per row: on H2 every 32nd call also stores the sequence's state with
 * a commit of its own, which was a sixth of the labeling writer's time (BENCHMARKS.md). A crash or
 * a rollback only leaves a gap.
 */
final class IdBlocks {
    /** The sequences' increment (V1__schema.sql) and the block size of Hibernate's pooled-lo optimizer. */
    static final int INCREMENT = 50;

    private final String nextValueSql;
    private long next = 1;
    private long end = 1;

    /** @param nextValueSql the dialect's statement that reads the sequence's next value */
    IdBlocks(String nextValueSql) {
        this.nextValueSql = nextValueSql;
    }

    /** The next id, reading a new block from the sequence on the given connection when this one is used up. */
    synchronized long next(Connection c) throws SQLException {
        if (next >= end) {
            try (PreparedStatement s = c.prepareStatement(nextValueSql); ResultSet rs = s.executeQuery()) {
                rs.next();
                next = rs.getLong(1);
            }
            end = next + INCREMENT;
        }
        return next++;
    }
}
