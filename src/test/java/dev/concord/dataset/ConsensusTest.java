package dev.concord.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusTest {
    private static final int[] NONE_RESOLVED = new int[64];

    static {
        Arrays.fill(NONE_RESOLVED, -1);
    }

    private static final int A = 0, B = 1, C = 2;

    @Test
    void theStrategyIsChosenOnceByItsName() {
        assertInstanceOf(MajorityVote.class, Consensus.named("majority", 3, 0.6));
        assertInstanceOf(DawidSkene.class, Consensus.named("dawid-skene", 3, 0.6));
        assertEquals(List.of("majority", "dawid-skene"), Consensus.NAMES);
        assertThrows(IllegalArgumentException.class, () -> Consensus.named("vibes", 3, 0.6));
        for (String name : Consensus.NAMES) assertEquals(name, Consensus.named(name, 3, 0.6).name());
    }

    @Test
    void majorityReleasesAClearMajorityAndLeavesOutTiesLowSharesAndIncompleteExamples() {
        ItemLabels items = ItemLabels.of(3, new int[][] {
                {A, A, A},      // unanimous
                {B, B, A},      // 2 of 3
                {A, B, C},      // three-way tie
                {A, A, B, B},   // two-way tie
                {C, C},         // incomplete (overlap 3)
                {A, A, B, C},   // 2 of 4: below 0.6
        }, new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2, 3}, {0, 1}, {0, 1, 2, 3}});
        Consensus.Decider majority = new MajorityVote(3, 0.6).over(items, NONE_RESOLVED);
        assertDecision(A, 1.0, majority.decide(0));
        assertDecision(B, 2.0 / 3, majority.decide(1));
        assertLeftOut("tie", 1.0 / 3, majority.decide(2));
        assertLeftOut("tie", 0.5, majority.decide(3));
        assertLeftOut("incomplete", Double.NaN, majority.decide(4));
        assertLeftOut("below-threshold", 0.5, majority.decide(5));
        // the threshold is inclusive
        assertDecision(B, 2.0 / 3, new MajorityVote(3, 2.0 / 3).over(items, NONE_RESOLVED).decide(1));
    }

    /**
     * Labelers 0 and 3 are careful; labelers 1 and 2 answer 'a' whatever the example (a lazy
     * default). Six examples everyone calls 'a'; six where the careful two say 'b' and the lazy
     * two 'a' (a tie for the majority). On the last example only labeler 0 of the careful ones
     * answered, 'b', against the lazy two's 'a'.
     *
     * <p>By reasoning: the lazy labelers say 'a' for both classes, so their labels carry no
     * evidence (their confusion rows for 'a' and 'b' both put nearly all weight on 'a'), while
     * labeler 0 says 'b' only on examples that are 'b'. EM moves the six ties to 'b' (two
     * careful votes against two uninformative ones) and the last example to 'b', with a posterior
     * near 1. The majority says 'a' (2 of 3) on the last example and leaves the ties out.
     */
    @Test
    void dawidSkeneFollowsTheReliableLabelerWhereTheMajorityFollowsTheLazyOnes() {
        List<int[]> labels = new ArrayList<>();
        List<int[]> who = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            labels.add(new int[] {A, A, A, A});
            who.add(new int[] {0, 1, 2, 3});
        }
        for (int i = 0; i < 6; i++) {
            labels.add(new int[] {B, A, A, B});
            who.add(new int[] {0, 1, 2, 3});
        }
        labels.add(new int[] {B, A, A});
        who.add(new int[] {0, 1, 2});
        ItemLabels items = ItemLabels.of(2, labels.toArray(int[][]::new), who.toArray(int[][]::new));
        int last = 12;

        Consensus.Decider majority = new MajorityVote(3, 0.6).over(items, NONE_RESOLVED);
        assertDecision(A, 2.0 / 3, majority.decide(last));
        assertLeftOut("tie", 0.5, majority.decide(6));

        Consensus.Decider dawidSkene = new DawidSkene(3).over(items, NONE_RESOLVED);
        Consensus.Decision decision = dawidSkene.decide(last);
        assertEquals(B, decision.label());
        assertTrue(decision.agreement() > 0.95, "posterior of 'b': " + decision.agreement());
        for (int i = 6; i < 12; i++) assertEquals(B, dawidSkene.decide(i).label(), "example " + i);
        // unanimous examples stay what everyone said, with a posterior near 1
        Consensus.Decision unanimous = dawidSkene.decide(0);
        assertEquals(A, unanimous.label());
        assertTrue(unanimous.agreement() > 0.95, "posterior of 'a': " + unanimous.agreement());
    }

    @Test
    void dawidSkeneAgreesWithAnEvenMajorityWhenEveryoneIsAlike() {
        // three labelers equally reliable: each is the odd one out once
        ItemLabels items = ItemLabels.of(2, new int[][] {{A, A, A}, {B, B, B}, {A, A, B}, {A, B, A}, {B, A, A}, {B, B, A}, {B, A, B}, {A, B, B}},
                new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
        Consensus.Decider dawidSkene = new DawidSkene(3).over(items, NONE_RESOLVED);
        Consensus.Decider majority = new MajorityVote(3, 0.5).over(items, NONE_RESOLVED);
        for (int i = 0; i < 8; i++) assertEquals(majority.decide(i).label(), dawidSkene.decide(i).label(), "example " + i);
    }

    @Test
    void dawidSkeneLeavesOutIncompleteExamplesAndKeepsResolutionsCertain() {
        ItemLabels items = ItemLabels.of(2, new int[][] {{A, A, A}, {B, B}, {A, B, B}, {}},
                new int[][] {{0, 1, 2}, {0, 1}, {0, 1, 2}, {}});
        int[] resolved = {-1, -1, A, B};
        Consensus.Decider dawidSkene = new DawidSkene(3).over(items, resolved);
        assertLeftOut("incomplete", Double.NaN, dawidSkene.decide(1));
        double[][] posterior = DawidSkene.posteriors(items, resolved);
        assertEquals(1.0, posterior[2][A]);
        assertEquals(1.0, posterior[3][B]);
    }

    @Test
    void aReleaseTakesResolutionsFirstCountsWhatIsLeftOutAndDropsUncertainUnlessAsked() {
        List<String> categories = List.of("a", "b", "uncertain");
        ItemLabels items = ItemLabels.of(3, new int[][] {{A, A, A}, {A, B, C}, {2, 2, A}, {B, B}, {}},
                new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1}, {}});
        long[] ids = {10, 11, 12, 13, 14};
        int[] resolved = {-1, B, -1, -1, A};
        Released released = Released.decide(items, ids, resolved, new MajorityVote(3, 0.6), categories, false);
        assertEquals(3, released.size);
        assertEquals(List.of(10L, 11L, 14L), Arrays.stream(released.ids, 0, 3).boxed().toList());
        assertEquals(List.of("a", "b", "a"), Arrays.asList(released.label).subList(0, 3));
        assertEquals(List.of("MAJORITY", "RESOLUTION", "RESOLUTION"), Arrays.asList(released.source).subList(0, 3));
        assertEquals(1.0 / 3, released.agreement[1], "a resolved example's agreement is its labels' majority share");
        assertTrue(Double.isNaN(released.agreement[2]), "no labels, no agreement");
        assertEquals(java.util.Map.of("incomplete", 1L, "uncertain", 1L), released.leftOut);
        assertEquals(2, released.resolved);
        assertEquals((1.0 + 1.0 / 3) / 2, released.meanAgreement());

        Released withUncertain = Released.decide(items, ids, resolved, new MajorityVote(3, 0.6), categories, true);
        assertEquals(4, withUncertain.size);
        assertEquals("uncertain", withUncertain.label[2]);
    }

    private static void assertDecision(int label, double agreement, Consensus.Decision d) {
        assertNull(d.leftOut(), "left out: " + d.leftOut());
        assertEquals(label, d.label());
        assertEquals(agreement, d.agreement(), 1e-12);
    }

    private static void assertLeftOut(String reason, double agreement, Consensus.Decision d) {
        assertEquals(reason, d.leftOut());
        assertEquals(agreement, d.agreement(), 1e-12);
    }
}
