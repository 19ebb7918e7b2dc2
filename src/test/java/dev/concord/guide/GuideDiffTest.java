package dev.concord.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The guide's line diff: exact for ordinary edits, bounded in cost for long and very different versions. */
class GuideDiffTest {

    private static String render(List<GuidePages.DiffLine> lines) {
        StringBuilder s = new StringBuilder();
        for (GuidePages.DiffLine l : lines) s.append(switch (l.kind()) { case "ins" -> "+"; case "del" -> "-"; default -> " "; }).append(l.text()).append('\n');
        return s.toString();
    }

    @Test
    void anOrdinaryEditShowsExactlyTheChangedLines() {
        List<String> before = List.of("# Guide", "scratch: a line", "dent: a blob", "none: clean");
        List<String> after = List.of("# Guide", "scratch: a thin line", "dent: a blob", "pit: a dark spot", "none: clean");
        assertEquals(" # Guide\n-scratch: a line\n+scratch: a thin line\n dent: a blob\n+pit: a dark spot\n none: clean\n",
                render(GuidePages.diff(before, after)));
        assertEquals(" a\n b\n", render(GuidePages.diff(List.of("a", "b"), List.of("a", "b"))));
        assertEquals("+a\n", render(GuidePages.diff(List.of(), List.of("a"))));
    }

    @Test
    void longVeryDifferentVersionsAreShownAsRemovedThenAddedAroundTheCommonStartAndEnd() {
        // 8,000 lines each, every other one shared: line by line this is 64 million pairs to weigh.
        List<String> before = new ArrayList<>(List.of("# Guide"));
        List<String> after = new ArrayList<>(List.of("# Guide"));
        IntStream.range(0, 8000).forEach(i -> {
            boolean shared = i % 2 == 1 && i != 7999; // the first and last of them differ
            before.add(shared ? "shared " + i : "old " + i);
            after.add(shared ? "shared " + i : "new " + i);
        });
        before.add("## End");
        after.add("## End");
        List<GuidePages.DiffLine> lines = GuidePages.diff(before, after);
        assertEquals(" # Guide\n", render(lines.subList(0, 1)));
        assertEquals("same", lines.get(lines.size() - 1).kind());
        // The middle: every old line removed, then every new line added (no line-by-line pairing).
        List<GuidePages.DiffLine> middle = lines.subList(1, lines.size() - 1);
        assertEquals(16000, middle.size());
        assertEquals(List.of("del"), middle.subList(0, 8000).stream().map(GuidePages.DiffLine::kind).distinct().toList());
        assertEquals(List.of("ins"), middle.subList(8000, 16000).stream().map(GuidePages.DiffLine::kind).distinct().toList());
        assertEquals(before.subList(1, 8001), middle.subList(0, 8000).stream().map(GuidePages.DiffLine::text).toList());
        assertEquals(after.subList(1, 8001), middle.subList(8000, 16000).stream().map(GuidePages.DiffLine::text).toList());
    }
}
