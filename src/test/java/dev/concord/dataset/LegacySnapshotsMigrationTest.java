package dev.concord.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration V20 gives versions released before snapshots existed (their labels in
 * dataset_example, the project's splits in example_split) the snapshot a release reads, and V21
 * drops those tables. A database at V19 with two such versions, migrated to the end.
 */
class LegacySnapshotsMigrationTest {

    private static final String URL = "jdbc:h2:mem:legacy-snapshots;DB_CLOSE_DELAY=-1";

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void versionsReleasedBeforeSnapshotsGetTheirSnapshotAndTheOldTablesGo() throws SQLException {
        flyway("19").migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement st = c.createStatement()) {
            st.executeUpdate("insert into project (id, slug, name, modality, overlap, agreement_threshold, created_at)"
                    + " values (1, 'old', 'Old', 'TEXT', 2, 0.6, current_timestamp)");
            for (int i = 1; i <= 4; i++) {
                st.executeUpdate("insert into example (id, project_id, ex_key, position, content_hash, created_at)"
                        + " values (" + (100 + i) + ", 1, 'ex" + i + "', " + i + ", 'h" + i + "', current_timestamp)");
            }
            st.executeUpdate("insert into dataset_version (id, project_id, version, spec, created_at) values (11, 1, 1, '{}', current_timestamp)");
            st.executeUpdate("insert into dataset_version (id, project_id, version, spec, created_at) values (12, 1, 2, '{}', current_timestamp)");
            // v1 released ex1..ex3, v2 also ex4 (first in v2); ex2 was relabeled in v2.
            st.executeUpdate("insert into example_split (project_id, example_id, split, first_version) values"
                    + " (1, 101, 'train', 1), (1, 102, 'test', 1), (1, 103, 'train', 1), (1, 104, 'dev', 2)");
            st.executeUpdate("insert into dataset_example (dataset_version_id, example_id, label_value, split, source, agreement) values"
                    + " (11, 101, 'a', 'train', 'MAJORITY', 1.0), (11, 102, 'b', 'test', 'RESOLUTION', null), (11, 103, 'a', 'train', 'MAJORITY', 0.5),"
                    + " (12, 101, 'a', 'train', 'MAJORITY', 1.0), (12, 102, 'a', 'test', 'RESOLUTION', null), (12, 103, 'a', 'train', 'MAJORITY', 0.5),"
                    + " (12, 104, 'b', 'dev', 'DAWID_SKENE', 0.75)");
        }

        flyway("latest").migrate();

        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            Snapshot v1 = Snapshot.load(c, 1, 1);
            // every example with a split, as the old tables gave them; ex4 has no label in v1
            assertEquals(4, v1.size);
            assertEquals("b", v1.label[1]);
            assertEquals("RESOLUTION", v1.source[1]);
            assertEquals(Double.NaN, v1.agreement[1]);
            assertEquals(0.5, v1.agreement[2]);
            assertEquals("dev", v1.split[3]);
            assertEquals(2, v1.firstVersion[3]);
            assertNull(v1.label[3]);
            Snapshot v2 = Snapshot.load(c, 1, 2);
            assertEquals(4, v2.size);
            assertEquals("a", v2.label[1]);
            assertEquals("b", v2.label[3]);
            assertEquals("DAWID_SKENE", v2.source[3]);
            assertEquals(0.75, v2.agreement[3]);
            assertEquals(104L, v2.ids[3]);
            try (ResultSet tables = c.getMetaData().getTables(null, null, "DATASET_EXAMPLE", null)) {
                assertFalse(tables.next(), "dataset_example is dropped");
            }
            try (ResultSet tables = c.getMetaData().getTables(null, null, "EXAMPLE_SPLIT", null)) {
                assertFalse(tables.next(), "example_split is dropped");
            }
        }
    }
}
