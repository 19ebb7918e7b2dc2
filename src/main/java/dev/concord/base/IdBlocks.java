package dev.concord.base;

import jakarta.persistence.SequenceGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ids for rows written with plain JDBC (the labeling queue, imports), taken from the table's
 * sequence the way Hibernate's pooled-lo optimizer (Quarkus' default) takes them for its entities:
 * the sequence steps by 50, and each value v taken gives the ids v .. v+49. Hibernate's blocks for
 * the same table come from other values, so the two never meet, whatever the instance or the
 * connection. One sequence call per 50 rows instead of one per row: on H2 every 32nd call also
 * stores the sequence's state with a commit of its own, a sixth of the labeling writer's time when
 * taken per row. A crash or a rollback only leaves a gap (sequences are not transactional). The
 * assumption is checked at start ({@link #problems}): should the optimizer, an entity's allocation
 * size or a sequence's increment ever differ, ids would collide.
 */
public final class IdBlocks {
    /** The sequences' increment (V1__schema.sql) and the block size of Hibernate's pooled-lo optimizer. */
    public static final int INCREMENT = 50;

    private final String nextValueSql;
    private long next = 1;
    private long end = 1;

    /**
     * Sequences a package takes in blocks, each with the entity Hibernate writes to the same table;
     * each such package produces one bean of this type, and {@link IdBlocksCheck} checks them all at start.
     */
    public record Sequences(Map<String, Class<?>> entities) {}

    /** @param nextValueSql the dialect's statement that reads the sequence's next value */
    public IdBlocks(String nextValueSql) {
        this.nextValueSql = nextValueSql;
    }

    /**
     * What breaks the assumption for these sequences (name → the entity Hibernate writes to the same
     * table), in sentences (empty: nothing): Hibernate's id optimizer must be pooled-lo, and each
     * sequence's entity allocation size and database increment {@value #INCREMENT}.
     */
    public static List<String> problems(String optimizer, Map<String, Long> databaseIncrements, Map<String, Class<?>> sequences) {
        List<String> problems = new ArrayList<>();
        if (!"pooled-lo".equals(optimizer)) {
            problems.add("quarkus.hibernate-orm.mapping.id.optimizer.default is '" + optimizer + "', not 'pooled-lo'");
        }
        new java.util.TreeMap<>(sequences).forEach((sequence, entity) -> {
            int allocation = Arrays.stream(entity.getDeclaredFields()).map(f -> f.getAnnotation(SequenceGenerator.class))
                    .filter(g -> g != null && g.sequenceName().equals(sequence)).mapToInt(SequenceGenerator::allocationSize)
                    .findFirst().orElse(-1);
            if (allocation != INCREMENT) {
                problems.add(entity.getSimpleName() + " takes ids from " + sequence + " in blocks of " + allocation + ", not " + INCREMENT);
            }
            Long increment = databaseIncrements.get(sequence);
            if (increment == null || increment != INCREMENT) {
                problems.add("the database's " + sequence + " steps by " + increment + ", not " + INCREMENT);
            }
        });
        return problems;
    }

    /** The next id, reading a new block from the sequence on the given connection when this one is used up. */
    public synchronized long next(Connection c) throws SQLException {
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
