package dev.concord.dataset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Split assignment that is stratified, reproducible and stable: an example released before keeps
 * the split it got then (example_split), so nothing moves from test to train between versions.
 * New examples of each class are ordered by a seeded shuffle and each goes to the split furthest
 * below its target share of that class.
 */
final class Splits {
    private Splits() {}

    static Map<Long, String> assign(Connection c, long projectId, int version, Map<Long, DatasetService.Released> released,
                                    DatasetSpec spec) throws SQLException {
        Map<Long, String> splits = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select example_id, split from example_split where project_id = ?")) {
            q.setLong(1, projectId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    if (released.containsKey(r.getLong(1))) splits.put(r.getLong(1), r.getString(2));
                }
            }
        }
        List<String> names = new ArrayList<>(spec.splits().keySet());
        Map<String, List<Long>> newByClass = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> classSize = new HashMap<>();
        for (DatasetService.Released r : released.values()) {
            classSize.merge(r.label(), 1, Integer::sum);
            String existing = splits.get(r.exampleId());
            if (existing == null) newByClass.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r.exampleId());
            else counts.computeIfAbsent(r.label(), k -> new HashMap<>()).merge(existing, 1, Integer::sum);
        }
        List<long[]> inserts = new ArrayList<>();
        for (Map.Entry<String, List<Long>> entry : newByClass.entrySet()) {
            List<Long> ids = entry.getValue();
            // A seeded key per example: the order depends on the seed and the example, not on the query.
            Map<Long, Long> order = new HashMap<>();
            for (Long id : ids) order.put(id, new SplittableRandom(spec.seed() * 1_000_003L + id).nextLong());
            ids.sort(Comparator.comparing(order::get));
            Map<String, Integer> current = counts.computeIfAbsent(entry.getKey(), k -> new HashMap<>());
            int total = classSize.get(entry.getKey());
            for (Long id : ids) {
                String best = names.get(0);
                double bestDeficit = Double.NEGATIVE_INFINITY;
                for (String name : names) {
                    double deficit = spec.splits().get(name) * total - current.getOrDefault(name, 0);
                    if (deficit > bestDeficit + 1e-12) {
                        bestDeficit = deficit;
                        best = name;
                    }
                }
                current.merge(best, 1, Integer::sum);
                splits.put(id, best);
                inserts.add(new long[] {id, names.indexOf(best)});
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "insert into example_split (project_id, example_id, split, first_version) values (?, ?, ?, ?)")) {
            int n = 0;
            for (long[] row : inserts) {
                ins.setLong(1, projectId);
                ins.setLong(2, row[0]);
                ins.setString(3, names.get((int) row[1]));
                ins.setInt(4, version);
                ins.addBatch();
                if (++n % 1000 == 0) ins.executeBatch();
            }
            ins.executeBatch();
        }
        return splits;
    }
}
