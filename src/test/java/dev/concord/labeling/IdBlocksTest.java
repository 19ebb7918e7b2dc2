package dev.concord.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concord.base.IdBlocks;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdBlocksTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManagerFactory emf;

    /** Blocks of 50 from each value taken, as Hibernate's pooled-lo optimizer: no id lost, none repeated. */
    @Test
    void idsComeInBlocksFromEachSequenceValue() throws Exception {
        String sequence = "id_blocks_test_seq_" + System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create sequence " + sequence + " start with 1 increment by 50");
            try {
                IdBlocks ids = new IdBlocks(emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                        .getSequenceSupport().getSequenceNextValString(sequence));
                for (long expected = 1; expected <= 120; expected++) assertEquals(expected, ids.next(c));
                // Values taken: 1 (ids 1..50), 51 (51..100), 101 (101..150, of which 101..120 used).
                try (ResultSet rs = s.executeQuery(emf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                        .getSequenceSupport().getSequenceNextValString(sequence))) {
                    rs.next();
                    assertEquals(151, rs.getLong(1));
                }
            } finally {
                s.execute("drop sequence " + sequence);
            }
        }
    }

    /** The start-up check names each broken assumption, and is silent when all hold (as they do in this database). */
    @Test
    void theStartUpCheckNamesWhatWouldMakeIdsCollide() throws Exception {
        assertEquals(java.util.List.of(), IdBlocks.problems("pooled-lo", java.util.Map.of("label_seq", 50L, "lease_seq", 50L),
                LabelingSequences.SEQUENCES));
        assertEquals(java.util.List.of("quarkus.hibernate-orm.mapping.id.optimizer.default is 'pooled', not 'pooled-lo'",
                        "the database's lease_seq steps by 1, not 50"),
                IdBlocks.problems("pooled", java.util.Map.of("label_seq", 50L, "lease_seq", 1L), LabelingSequences.SEQUENCES));
        assertEquals(2, IdBlocks.problems("pooled-lo", java.util.Map.of(), LabelingSequences.SEQUENCES).size(), "both sequences missing");
    }
}
