package dev.concord.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed from the previous version: examples added, removed, and relabeled (with why).
 * Filled during the release's one pass over the project's examples in import order, comparing the
 * new consensus with the previous version's {@link Snapshot}: counts of all, the first
 * {@value #LISTED} of each kind listed.
 */
final class Diffs {
    static final int LISTED = 200;

    private final Integer previousVersion;
    private final List<String> added = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<Map<String, String>> relabeled = new ArrayList<>();
    private long addedCount;
    private long removedCount;
    private long relabeledCount;

    /** @param previousVersion null for a first version (nothing to compare with) */
    Diffs(Integer previousVersion) {
        this.previousVersion = previousVersion;
    }

    boolean active() {
        return previousVersion != null;
    }

    void added(String key) {
        addedCount++;
        if (added.size() < LISTED) added.add(key);
    }

    void removed(String key) {
        removedCount++;
        if (removed.size() < LISTED) removed.add(key);
    }

    void relabeled(String key, String from, String to, String source) {
        relabeledCount++;
        if (relabeled.size() >= LISTED) return;
        Map<String, String> change = new LinkedHashMap<>();
        change.put("key", key);
        change.put("from", from);
        change.put("to", to);
        change.put("reason", "RESOLUTION".equals(source) ? "new resolution" : "new labels");
        relabeled.add(change);
    }

    Map<String, Object> toMap() {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("previousVersion", previousVersion);
        if (previousVersion == null) return diff;
        diff.put("added", keys(addedCount, added));
        diff.put("removed", keys(removedCount, removed));
        Map<String, Object> re = new LinkedHashMap<>();
        re.put("count", relabeledCount);
        re.put("items", relabeled);
        diff.put("relabeled", re);
        return diff;
    }

    private static Map<String, Object> keys(long count, List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        out.put("keys", keys);
        return out;
    }
}
