package dev.concord.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void chunksReadBackAsTheEntriesTheyStore() {
        int n = Snapshot.CHUNK + 123;
        Snapshot.Builder b = new Snapshot.Builder(16);
        long id = 5;
        for (int i = 0; i < n; i++) {
            id += 1 + (i % 3) * 1000L;
            if (i % 5 == 0) b.add(id, i % 2 == 0 ? "train" : "test", 1, null, null, Double.NaN);
            else b.add(id, "dev", 2, i % 3 == 0 ? "a" : "b", i % 7 == 0 ? "RESOLUTION" : "MAJORITY", i % 11 == 0 ? Double.NaN : i / (double) n);
        }
        Snapshot s = b.build();
        Snapshot.Builder read = new Snapshot.Builder(n);
        for (int from = 0; from < n; from += Snapshot.CHUNK) Snapshot.decode(s.encode(from, Math.min(n, from + Snapshot.CHUNK)), read);
        Snapshot back = read.build();
        assertEquals(n, back.size);
        assertArrayEquals(Arrays.copyOf(s.ids, n), Arrays.copyOf(back.ids, n));
        assertArrayEquals(Arrays.copyOf(s.split, n), Arrays.copyOf(back.split, n));
        assertArrayEquals(Arrays.copyOf(s.firstVersion, n), Arrays.copyOf(back.firstVersion, n));
        assertArrayEquals(Arrays.copyOf(s.label, n), Arrays.copyOf(back.label, n));
        assertArrayEquals(Arrays.copyOf(s.source, n), Arrays.copyOf(back.source, n));
        // NaN (no agreement) survives; equal doubles bit for bit
        assertArrayEquals(Arrays.copyOf(s.agreement, n), Arrays.copyOf(back.agreement, n));
    }

    @Test
    void entriesMustComeInIncreasingIdOrder() {
        Snapshot.Builder b = new Snapshot.Builder(4);
        b.add(10, "train", 1, "a", "MAJORITY", 1.0);
        assertThrows(IllegalStateException.class, () -> b.add(10, "train", 1, "a", "MAJORITY", 1.0));
        assertThrows(IllegalStateException.class, () -> b.add(9, "train", 1, "a", "MAJORITY", 1.0));
    }

    /**
     * v1 released 1, 3, 5 and 7. Now: 3 again (relabeled), 4 new; 1 and 5 not released but still
     * in the project, 7 deleted from it.
     */
    @Test
    void theNextSnapshotHasTheReleasedAndKeepsEarlierSplitsOfExamplesStillInTheProject() {
        Snapshot.Builder v1 = new Snapshot.Builder(4);
        v1.add(1, "train", 1, "a", "MAJORITY", 1.0);
        v1.add(3, "test", 1, "a", "MAJORITY", 1.0);
        v1.add(5, "dev", 1, "b", "MAJORITY", 1.0);
        v1.add(7, "train", 1, "b", "MAJORITY", 1.0);
        Snapshot previous = v1.build();
        ItemLabels items = ItemLabels.of(2, new int[][] {{1}, {0}}, new int[][] {{0}, {0}});
        Released released = Released.decide(items, new long[] {3, 4}, new int[] {-1, -1}, new MajorityVote(1, 0), List.of("a", "b"), false);
        Snapshot next = Snapshot.next(previous, released, new String[] {"test", "train"}, new int[] {1, 2}, id -> id != 7);

        assertEquals(4, next.size);
        assertArrayEquals(new long[] {1, 3, 4, 5}, Arrays.copyOf(next.ids, 4));
        assertArrayEquals(new String[] {"train", "test", "train", "dev"}, Arrays.copyOf(next.split, 4));
        assertArrayEquals(new int[] {1, 1, 2, 1}, Arrays.copyOf(next.firstVersion, 4));
        assertNull(next.label[0], "not released now");
        assertEquals("b", next.label[1]);
        assertEquals("a", next.label[2]);
        assertNull(next.label[3]);
        assertTrue(next.indexOf(7) < 0, "an example gone from the project is forgotten");
    }
}
