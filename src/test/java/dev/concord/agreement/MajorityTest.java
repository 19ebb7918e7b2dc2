package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MajorityTest {

    @Test
    void theMostFrequentCategoryIsTheMajorityWhereverItIs() {
        assertEquals(0, Majority.category(new int[] {3, 1, 0}));
        assertEquals(2, Majority.category(new int[] {1, 0, 2}));
        assertEquals(1, Majority.category(new int[] {0, 1}));
    }

    @Test
    void aSharedHighestCountIsATieAndSoIsNoLabelAtAll() {
        assertEquals(Majority.NONE, Majority.category(new int[] {2, 2, 1}));
        assertEquals(Majority.NONE, Majority.category(new int[] {1, 0, 1}));
        assertEquals(Majority.NONE, Majority.category(new int[] {1, 1, 1}));
        assertEquals(Majority.NONE, Majority.category(new int[] {0, 0}));
        assertEquals(Majority.NONE, Majority.category(new int[0]));
        // a tie below the highest count is no tie
        assertEquals(0, Majority.category(new int[] {3, 1, 1}));
    }

    @Test
    void theShareIsTheHighestCountOverAllLabelsTiedOrNot() {
        assertEquals(0.75, Majority.share(new int[] {1, 3, 0}, 4));
        assertEquals(0.5, Majority.share(new int[] {2, 2}, 4));
        assertEquals(0.0, Majority.share(new int[] {0, 0}, 0));
        assertEquals(2.0 / 3, Majority.share(List.of("cat", "dog", "cat")));
        assertEquals(0.5, Majority.share(List.of("cat", "dog")));
        assertEquals(1.0, Majority.share(List.of("cat")));
        assertEquals(0.0, Majority.share(List.of()));
    }
}
