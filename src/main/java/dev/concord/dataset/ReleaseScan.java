package dev.concord.dataset;

import dev.concord.base.Database;
import dev.concord.base.ReviewStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a release reads of the project's labels: the items (examples with labels in their current
 * round, or a resolution) in example id order with those labels, each item's resolution, every
 * example id (to tell which examples released before are still in the project), and how many
 * labels each labeler gave (the lineage).
 */
final class ReleaseScan {
    final ItemLabels items;
    /** The items' example ids, increasing. */
    final long[] ids;
    /** Per item, the category of its SME resolution, or -1. */
    final int[] resolved;
    /** Labels per labeler's username, in name order. */
    final Map<String, Long> labelsByLabeler;
    private final long[] allIds;
    private final int allCount;

    private ReleaseScan(ItemLabels items, long[] ids, int[] resolved, Map<String, Long> labelsByLabeler, long[] allIds, int allCount) {
        this.items = items;
        this.ids = ids;
        this.resolved = resolved;
        this.labelsByLabeler = labelsByLabeler;
        this.allIds = allIds;
        this.allCount = allCount;
    }

    /** Whether the example is (still) in the project. */
    boolean inProject(long exampleId) {
        return Arrays.binarySearch(allIds, 0, allCount, exampleId) >= 0;
    }

    /** The item of an example, or a negative number if it is not an item. */
    int indexOf(long exampleId) {
        return Arrays.binarySearch(ids, 0, items.items(), exampleId);
    }

    /** The resolution of each resolved example: the latest resolved review's. */
    static Map<Long, String> resolutions(Connection c, long projectId) throws SQLException {
        Map<Long, String> resolutions = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select example_id, resolution from review where project_id = ? and status = "
                + ReviewStatus.RESOLVED.sql() + " order by example_id, label_round")) {
            q.setLong(1, projectId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) resolutions.put(r.getLong(1), r.getString(2));
            }
        }
        return resolutions;
    }

    /**
     * Reads the labels of each example's current round. As in the agreement scan (LabelScan),
     * nothing is joined in the database: two forward-only cursors in example id order, each read
     * from an index alone (ix_example_round, ix_label_agreement), merged here. Labels that are not
     * one of {@code categories} are skipped.
     */
    static ReleaseScan read(Connection c, long projectId, List<String> categories, Map<Long, String> resolutions) throws SQLException {
        Map<String, Integer> categoryIndex = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) categoryIndex.put(categories.get(i), i);
        Items items = new Items();
        long[] allIds = new long[1024];
        int allCount = 0;
        Map<Long, Integer> labelerIndex = new HashMap<>();
        long[] labelsByLabeler = new long[16];
        try (PreparedStatement rounds = forwardOnly(c, "select id, label_round from example where project_id = ? order by project_id, id");
             PreparedStatement labels = forwardOnly(c, "select example_id, label_round, labeler_id, label_value from label"
                     // labeler_id too: the labels of an example in one order on every database (PostgreSQL
                     // returns equal keys in any order), so Dawid–Skene sums them alike and a release is
                     // the same bytes; ix_label_agreement serves this order as it is
                     + " where project_id = ? order by project_id, example_id, labeler_id")) {
            rounds.setLong(1, projectId);
            labels.setLong(1, projectId);
            try (ResultSet e = rounds.executeQuery(); ResultSet l = labels.executeQuery()) {
                long labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE;
                while (e.next()) {
                    long id = e.getLong(1);
                    int round = e.getInt(2);
                    if (allCount == allIds.length) allIds = Arrays.copyOf(allIds, allCount * 2);
                    allIds[allCount++] = id;
                    while (labelExample < id) labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE;
                    for (; labelExample == id; labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE) {
                        if (l.getInt(2) != round) continue;
                        Integer cat = categoryIndex.get(l.getString(4));
                        if (cat == null) continue;
                        int who = labelerIndex.computeIfAbsent(l.getLong(3), k -> labelerIndex.size());
                        if (who == labelsByLabeler.length) labelsByLabeler = Arrays.copyOf(labelsByLabeler, who * 2);
                        labelsByLabeler[who]++;
                        items.label(cat, who);
                    }
                    // Examples resolved without labels in their current round still have a consensus.
                    if (items.labelCount > items.offsets[items.n] || resolutions.containsKey(id)) items.item(id);
                    else items.discard();
                }
            }
        }
        Map<String, Long> lineage = new TreeMap<>();
        for (Map.Entry<Long, String> u : usernames(c, labelerIndex.keySet()).entrySet()) {
            long count = labelsByLabeler[labelerIndex.get(u.getKey())];
            if (count > 0) lineage.merge(u.getValue(), count, Long::sum);
        }
        int n = items.n;
        int[] resolved = new int[n];
        for (int i = 0; i < n; i++) {
            String res = resolutions.get(items.ids[i]);
            resolved[i] = res == null ? -1 : categoryIndex.getOrDefault(res, -1);
        }
        ItemLabels labels = new ItemLabels(n, items.offsets, items.flatLabels, items.flatWho, categories.size(), labelerIndex.size());
        return new ReleaseScan(labels, items.ids, resolved, lineage, allIds, allCount);
    }

    /** Items as they are read: labels appended, each item closed when its example ends. */
    private static final class Items {
        int n;
        long[] ids = new long[1024];
        int[] offsets = new int[1025];
        int[] flatLabels = new int[4096];
        int[] flatWho = new int[4096];
        int labelCount;

        void label(int category, int labeler) {
            if (labelCount == flatLabels.length) {
                flatLabels = Arrays.copyOf(flatLabels, labelCount * 2);
                flatWho = Arrays.copyOf(flatWho, labelCount * 2);
            }
            flatLabels[labelCount] = category;
            flatWho[labelCount++] = labeler;
        }

        /** Closes the item of example {@code id} with the labels added since the last one. */
        void item(long id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2 + 1);
            }
            ids[n++] = id;
            offsets[n] = labelCount;
        }

        /** Drops the labels added since the last item (an example that is not an item). */
        void discard() {
            labelCount = offsets[n];
        }
    }

    private static Map<Long, String> usernames(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += 500) {
            List<Long> part = list.subList(from, Math.min(list.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = c.prepareStatement("select id, username from app_user where id in (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) q.setLong(i + 1, part.get(i));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) names.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return names;
    }

    /** A cursor that streams (the release reads every example of a project). */
    static PreparedStatement forwardOnly(Connection c, String sql) throws SQLException {
        return Database.forwardOnly(c, sql, 10_000);
    }
}
