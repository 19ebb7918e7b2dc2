package dev.concord.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchRateTest {

    private static ReviewService.Outcome outcome(String key, String mine, Integer guideVersion, String theirs, String resolution) {
        List<ReviewService.LabelInfo> labels = List.of(
                new ReviewService.LabelInfo("me", mine, null, guideVersion, Instant.EPOCH, 1, null),
                new ReviewService.LabelInfo("them", theirs, null, 3, Instant.EPOCH, 1, null));
        return new ReviewService.Outcome(key, 1, mine, resolution, null, "sme", Instant.EPOCH, labels, List.of());
    }

    @Test
    void countsMatchesPerGuideVersionOfTheLabelersOwnLabelOldestFirst() {
        List<MatchRate> rates = MatchRate.perGuideVersion(List.of(
                outcome("a", "cat", 2, "dog", "cat"),
                outcome("b", "cat", 2, "cat", "dog"),
                outcome("c", "dog", 1, "cat", "cat"),
                outcome("d", "uncertain", null, "cat", "uncertain"),
                outcome("e", "cat", 2, "dog", "cat")), "me");
        assertEquals(List.of(new MatchRate(null, 1, 1), new MatchRate(1, 1, 0), new MatchRate(2, 3, 2)), rates);
        assertEquals(67, rates.get(2).percent());
    }

    @Test
    void noOutcomesNoRates() {
        assertEquals(List.of(), MatchRate.perGuideVersion(List.of(), "me"));
    }
}
