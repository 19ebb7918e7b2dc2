package dev.concord.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A labeler's own human-level performance under one guide version: of their resolved examples
 * whose label was made under that version, how many matched the final answer. Carries its counts,
 * so a page never shows a bare percentage.
 *
 * @param guideVersion the guide version the labels were made under; null for labels made without one
 * @param examples     resolved examples labeled under that version (at least 1)
 * @param matches      those where the labeler's answer equals the final answer
 */
public record MatchRate(Integer guideVersion, int examples, int matches) {

    public int percent() {
        return (int) Math.round(100.0 * matches / examples);
    }

    /** One rate per guide version the labeler's labels were made under, oldest version first. */
    static List<MatchRate> perGuideVersion(List<ReviewService.Outcome> outcomes, String labeler) {
        // Key -1 stands for "no guide version" so it sorts first; a TreeMap cannot hold a null key.
        Map<Integer, int[]> counts = new TreeMap<>();
        for (ReviewService.Outcome o : outcomes) {
            ReviewService.LabelInfo mine = o.labels().stream().filter(l -> l.labeler().equals(labeler)).findFirst().orElse(null);
            if (mine == null) continue;
            int[] c = counts.computeIfAbsent(mine.guideVersion() == null ? -1 : mine.guideVersion(), v -> new int[2]);
            c[0]++;
            if (Objects.equals(mine.label(), o.resolution())) c[1]++;
        }
        List<MatchRate> rates = new ArrayList<>();
        counts.forEach((v, c) -> rates.add(new MatchRate(v < 0 ? null : v, c[0], c[1])));
        return rates;
    }
}
