package dev.concord.dataset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What changed from the previous version: examples added, removed, and relabeled (with why). */
final class Diffs {
    static final int LISTED = 200;

    private Diffs() {}

    static Map<String, Object> diff(Connection c, long projectId, int version, long versionId) throws SQLException {
        Map<String, Object> diff = new LinkedHashMap<>();
        Long previous = null;
        try (PreparedStatement q = c.prepareStatement("select id from dataset_version where project_id = ? and version = ?")) {
            q.setLong(1, projectId);
            q.setInt(2, version - 1);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) previous = r.getLong(1);
            }
        }
        diff.put("previousVersion", previous == null ? null : version - 1);
        if (previous == null) return diff;
        diff.put("added", keys(c, """
                select e.ex_key from dataset_example d join example e on e.id = d.example_id
                where d.dataset_version_id = ? and not exists (select 1 from dataset_example p where p.dataset_version_id = ? and p.example_id = d.example_id)
                order by e.position""", versionId, previous));
        diff.put("removed", keys(c, """
                select e.ex_key from dataset_example p join example e on e.id = p.example_id
                where p.dataset_version_id = ? and not exists (select 1 from dataset_example d where d.dataset_version_id = ? and d.example_id = p.example_id)
                order by e.position""", previous, versionId));
        List<Map<String, String>> relabeled = new ArrayList<>();
        long total = 0;
        try (PreparedStatement q = c.prepareStatement("""
                select e.ex_key, p.label_value, d.label_value, p.source, d.source from dataset_example d
                join dataset_example p on p.example_id = d.example_id and p.dataset_version_id = ?
                join example e on e.id = d.example_id
                where d.dataset_version_id = ? and p.label_value <> d.label_value order by e.position""")) {
            q.setLong(1, previous);
            q.setLong(2, versionId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    total++;
                    if (relabeled.size() >= LISTED) continue;
                    Map<String, String> change = new LinkedHashMap<>();
                    change.put("key", r.getString(1));
                    change.put("from", r.getString(2));
                    change.put("to", r.getString(3));
                    change.put("reason", "RESOLUTION".equals(r.getString(5)) ? "new resolution" : "new labels");
                    relabeled.add(change);
                }
            }
        }
        Map<String, Object> re = new LinkedHashMap<>();
        re.put("count", total);
        re.put("items", relabeled);
        diff.put("relabeled", re);
        return diff;
    }

    private static Map<String, Object> keys(Connection c, String sql, long a, long b) throws SQLException {
        List<String> keys = new ArrayList<>();
        long count = 0;
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, a);
            q.setLong(2, b);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    count++;
                    if (keys.size() < LISTED) keys.add(r.getString(1));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        out.put("keys", keys);
        return out;
    }
}
