package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class AgreementReportTest {

    private static final int M = -1;

    @Test
    void namesEverythingAndUsesTheApiFieldNames() {
        int[][] ratings = {{0, 0, 1}, {1, 1, 1}, {0, 0, 0}, {2, 1, M}, {0, M, 0}};
        AgreementAccumulator accumulator = RatingTable.of(ratings, 3)
                .withReferences(new int[] {M, M, M, 1, M})
                .withSlices(new int[] {0, 0, 1, 1, M}, 2)
                .withUncertainCategory(2)
                .accumulate();

        AgreementReport report = AgreementReport.of(accumulator, List.of("dent", "ok", "uncertain"),
                List.of("ann", "bob", "cy"), List.of("phone", "tablet"));

        assertEquals(5, report.examples());
        assertEquals(13, report.labels());
        assertEquals(3, report.labelers());
        assertEquals(KrippendorffAlpha.of(accumulator.patterns()).value(), report.krippendorffAlpha());
        assertEquals(CohenKappa.matrix(accumulator).mean(), report.cohenKappa());
        assertNull(report.fleissKappa());
        assertEquals("items have different numbers of labels", report.undefinedReasons().get("fleissKappa"));
        assertEquals(List.of("dent", "ok", "uncertain"), List.copyOf(report.hlp().perClass().keySet()));
        assertEquals("sme-resolution+leave-one-out-majority", report.hlp().method());
        assertEquals(List.of("ann", "bob", "cy"),
                report.perLabeler().stream().map(AgreementReport.Labeler::labeler).toList());
        assertEquals(1.0 / 5, report.perLabeler().get(0).uncertainRate(), 1e-15);
        assertEquals(List.of("phone", "tablet"),
                report.slices().stream().map(AgreementReport.Slice::slice).toList());
        // dent-dent pairs: 1 + 3 + 1; dent-ok pairs: 2 (first item)
        assertArrayEquals(new long[] {5, 2, 0}, report.confusion().counts()[0]);
        double[] interval = report.krippendorffAlphaCI95();
        assertTrue(interval[0] <= interval[1]);

        Set<String> fields = Arrays.stream(AgreementReport.class.getRecordComponents())
                .map(component -> component.getName()).collect(Collectors.toSet());
        assertTrue(fields.containsAll(Set.of("examples", "labels", "labelers", "percentAgreement",
                "cohenKappa", "fleissKappa", "krippendorffAlpha", "krippendorffAlphaCI95", "hlp",
                "perLabeler", "confusion", "cohenKappaMatrix", "slices")));
    }

    @Test
    void labelersWithoutLabelsAreLeftOut() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {{0, M, 0}, {1, M, 0}}, 2)
                .accumulate();

        AgreementReport report = AgreementReport.of(accumulator, List.of("a", "b"),
                List.of("ann", "bob", "cy"), List.of());

        assertEquals(2, report.labelers());
        assertEquals(List.of("ann", "cy"), report.cohenKappaMatrix().labelers());
        assertEquals(2, report.cohenKappaMatrix().values().length);
    }
}
