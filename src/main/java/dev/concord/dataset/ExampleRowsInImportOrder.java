package dev.concord.dataset;

import com.carrotsearch.hppc.sorting.IndirectSort;
import dev.concord.example.Spill;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A project's examples (id, key, payload, media) in import order, read from the database in id
 * order. The ids in import order come from the position index alone; the rows are then read along
 * the table in id order (each page once) into a spill file, and handed out by import rank from it.
 * Memory: 20 bytes per example.
 */
final class ExampleRowsInImportOrder implements AutoCloseable {
    record Row(long id, String key, String payload, String mediaSha256) {}

    private static final char SEPARATOR = '\u0000'; // no key has a control character (ExampleImporter.keyProblem)
    private static final String NO_PAYLOAD = "\u0001";

    private final Spill spill;
    private final long[] idByRank;
    private final int[] spilledByRank;

    ExampleRowsInImportOrder(Connection c, long projectId, Path dir) throws SQLException {
        long[] ids = new long[1024];
        int n = 0;
        // "position >= min" lets H2 pick ix_example_position (read in order) over the project_id index (then a sort).
        try (PreparedStatement q = ReleaseScan.forwardOnly(c, "select id from example where project_id = ? and position >= ?"
                + " order by project_id, position")) {
            q.setLong(1, projectId);
            q.setInt(2, Integer.MIN_VALUE);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    if (n == ids.length) ids = Arrays.copyOf(ids, n * 2);
                    ids[n++] = r.getLong(1);
                }
            }
        }
        idByRank = Arrays.copyOf(ids, n);
        long[] byRank = idByRank;
        int[] ranksById = IndirectSort.mergesort(0, n, (x, y) -> Long.compare(byRank[x], byRank[y]));
        spilledByRank = new int[n];
        Arrays.fill(spilledByRank, -1);
        spill = new Spill(dir);
        try (PreparedStatement q = ReleaseScan.forwardOnly(c, "select id, ex_key, payload, media_sha256 from example"
                + " where project_id = ? order by project_id, id")) {
            q.setLong(1, projectId);
            int next = 0; // walks ranksById along with the rows, both in id order
            int spilled = 0;
            StringBuilder record = new StringBuilder();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    while (next < n && idByRank[ranksById[next]] < id) next++;
                    if (next == n || idByRank[ranksById[next]] != id) continue; // imported after the ids were read
                    String payload = r.getString(3);
                    String sha = r.getString(4);
                    record.setLength(0);
                    record.append(r.getString(2)).append(SEPARATOR).append(sha == null ? "" : sha).append(SEPARATOR)
                            .append(payload == null ? NO_PAYLOAD : payload);
                    spill.add(record.toString());
                    spilledByRank[ranksById[next]] = spilled++;
                }
            }
        } catch (SQLException | RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    int size() {
        return idByRank.length;
    }

    /** The example of this import rank; null if it was deleted between the two reads. */
    Row get(int rank) {
        int at = spilledByRank[rank];
        if (at < 0) return null;
        String record = spill.get(at);
        int first = record.indexOf(SEPARATOR);
        int second = record.indexOf(SEPARATOR, first + 1);
        String sha = record.substring(first + 1, second);
        String payload = record.substring(second + 1);
        return new Row(idByRank[rank], record.substring(0, first), NO_PAYLOAD.equals(payload) ? null : payload, sha.isEmpty() ? null : sha);
    }

    @Override
    public void close() {
        spill.close();
    }
}
