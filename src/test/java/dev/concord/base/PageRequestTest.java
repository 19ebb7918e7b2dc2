package dev.concord.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void theLargestPageOfTheLargestSizeHasAnExactOffset() {
        PageRequest last = PageRequest.of(Integer.MAX_VALUE, 1000);
        assertEquals(2_147_483_647_000L, last.offset());
        assertTrue(last.beyond(3));
    }

    @Test
    void missingParametersMeanTheFirstPageOfFifty() {
        PageRequest first = PageRequest.of(null, null);
        assertEquals(0, first.page());
        assertEquals(50, first.size());
        assertEquals(0, first.offset());
        assertFalse(first.beyond(1));
        assertTrue(first.beyond(0));
    }

    @Test
    void outOfRangeValuesAreBadInputWithASentence() {
        for (int[] bad : new int[][] {{-1, 10}, {0, 0}, {0, 1001}, {Integer.MIN_VALUE, 1}}) {
            DomainException e = assertThrows(DomainException.class, () -> PageRequest.of(bad[0], bad[1]));
            assertEquals(400, e.status());
            assertEquals("page is 0 or more; size is 1 to 1000.", e.getMessage());
        }
    }
}
