package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The course's worked example of error analysis, and the bootstrap interval of a slice's HLP. */
class ModelGapsTest {

    /** Adds {@code n} examples of a slice: {@code modelMisses} scored 0, {@code hlpMisses} labels that miss their reference. */
    private static void slice(ModelGaps gaps, String name, int n, int modelMisses, int hlpMisses) {
        for (int i = 0; i < n; i++) gaps.add(name, i < modelMisses ? 0 : 1, i < hlpMisses ? 0 : 1, 1);
    }

    @Test
    void theSpeechExampleRanksBySharedPotential() {
        ModelGaps gaps = new ModelGaps();
        // shares 60/4/30/6 %, accuracy 94/89/87/70 %, HLP 95/93/89/70 % (of 5,000 examples)
        slice(gaps, "clean", 3000, 180, 150);
        slice(gaps, "car noise", 200, 22, 14);
        slice(gaps, "people noise", 1500, 195, 165);
        slice(gaps, "low bandwidth", 300, 90, 90);

        ModelGaps.Result r = gaps.result();

        assertEquals(List.of("clean", "people noise", "car noise", "low bandwidth"), r.slices().stream().map(ModelGaps.Slice::slice).toList());
        double[][] expected = {{0.6, 0.94, 0.95, 0.01, 0.006}, {0.3, 0.87, 0.89, 0.02, 0.006}, {0.04, 0.89, 0.93, 0.04, 0.0016},
                {0.06, 0.70, 0.70, 0.0, 0.0}};
        for (int i = 0; i < 4; i++) {
            ModelGaps.Slice s = r.slices().get(i);
            assertArrayEquals(expected[i], new double[] {s.share(), s.accuracy(), s.hlp(), s.gap(), s.potential()}, 1e-12, s.slice());
        }
        assertEquals(5000, r.examples());
    }

    @Test
    void aModelAboveHlpHasNoPotentialThere() {
        ModelGaps gaps = new ModelGaps();
        slice(gaps, "easy", 100, 0, 10);
        ModelGaps.Slice s = gaps.result().slices().get(0);
        assertEquals(-0.1, s.gap(), 1e-12);
        assertEquals(0.0, s.potential(), 0);
    }

    @Test
    void theIntervalCoversHlpAndNarrowsWithMoreExamples() {
        ModelGaps small = new ModelGaps();
        slice(small, "s", 100, 0, 20);
        ModelGaps large = new ModelGaps();
        slice(large, "s", 10_000, 0, 2000);
        double[] a = small.result().slices().get(0).hlpCI95();
        double[] b = large.result().slices().get(0).hlpCI95();
        assertTrue(a[0] < 0.8 && 0.8 < a[1], "covers 0.8: " + a[0] + "–" + a[1]);
        assertTrue(b[0] < 0.8 && 0.8 < b[1], "covers 0.8: " + b[0] + "–" + b[1]);
        // binomial standard error: 0.04 for 100, 0.004 for 10,000; the 95% interval is about ±2 of them
        assertEquals(0.157, a[1] - a[0], 0.04);
        assertEquals(0.0157, b[1] - b[0], 0.004);
        // the same data, the same interval (seeded)
        ModelGaps again = new ModelGaps();
        slice(again, "s", 100, 0, 20);
        assertArrayEquals(a, again.result().slices().get(0).hlpCI95(), 0);
    }

    @Test
    void withoutReferencesThereIsNoHlp() {
        ModelGaps gaps = new ModelGaps();
        gaps.add("x", 1, 0, 0);
        ModelGaps.Slice s = gaps.result().slices().get(0);
        assertNull(s.hlp());
        assertNull(s.hlpCI95());
        assertNull(s.potential());
    }
}
