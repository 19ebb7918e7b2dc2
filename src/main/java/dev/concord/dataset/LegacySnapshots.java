package dev.concord.dataset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every dataset version released before snapshots existed (V9) its snapshot, so releases
 * read the past one way only. Run once, by the migration {@code db.migration.V20}; the tables it
 * reads (dataset_example: a version's labels; example_split: the project's splits) are dropped
 * by the next migration.
 */
public final class LegacySnapshots {

    private LegacySnapshots() {
    }

    /** Stores a snapshot for each version that has none; returns how many it stored. */
    public static int convert(Connection c) throws SQLException {
        List<long[]> versions = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select v.project_id, v.id from dataset_version v where not exists"
                + " (select 1 from dataset_snapshot s where s.dataset_version_id = v.id) order by v.id");
                ResultSet r = q.executeQuery()) {
            while (r.next()) versions.add(new long[] {r.getLong(1), r.getLong(2)});
        }
        for (long[] v : versions) {
            read(c, v[0], v[1]).store(c, v[1]);
        }
        return versions.size();
    }

    /**
     * A version as releases stored it before V9: every example of the project's splits, with the
     * version's label where the version released it.
     */
    static Snapshot read(Connection c, long projectId, long versionId) throws SQLException {
        Snapshot.Builder b = new Snapshot.Builder(1024);
        try (PreparedStatement splits = c.prepareStatement("select example_id, split, first_version from example_split where project_id = ? order by example_id");
             PreparedStatement rows = c.prepareStatement("select example_id, label_value, source, agreement from dataset_example where dataset_version_id = ? order by example_id")) {
            splits.setLong(1, projectId);
            rows.setLong(1, versionId);
            try (ResultSet s = splits.executeQuery(); ResultSet r = rows.executeQuery()) {
                boolean more = r.next();
                while (s.next()) {
                    long id = s.getLong(1);
                    while (more && r.getLong(1) < id) more = r.next();
                    if (more && r.getLong(1) == id) {
                        double a = r.getDouble(4);
                        if (r.wasNull()) a = Double.NaN; // (asked right after its column: a null agreement stays "none")
                        b.add(id, s.getString(2), s.getInt(3), r.getString(2), r.getString(3), a);
                    } else {
                        b.add(id, s.getString(2), s.getInt(3), null, null, Double.NaN);
                    }
                }
            }
        }
        return b.build();
    }
}
