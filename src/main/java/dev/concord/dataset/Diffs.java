package dev.concord.dataset;

import java.util.ArrayList;
import java.util.List;

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
    private final List<Manifest.Change> relabeled = new ArrayList<>();
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

    /** Examples the previous version released that were deleted since: counted among the removed; their keys are gone with them. */
    void deleted(long count) {
        removedCount += count;
    }

    void relabeled(String key, String from, String to, String source) {
        relabeledCount++;
        if (relabeled.size() >= LISTED) return;
        relabeled.add(new Manifest.Change(key, from, to, "RESOLUTION".equals(source) ? "new resolution" : "new labels"));
    }

    Manifest.Diff toManifest() {
        if (previousVersion == null) return Manifest.Diff.first();
        return new Manifest.Diff(previousVersion, new Manifest.Keys(addedCount, added), new Manifest.Keys(removedCount, removed),
                new Manifest.Relabeled(relabeledCount, relabeled));
    }
}
