package dev.concord.agreement.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.agreement.AgreementReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the agreement dashboard shows, ready for the template: formatted headline figures with a
 * one-line reading each, heatmap cells with their colour class (CSP forbids style attributes, so
 * colour comes from CSS classes for value bins), and the chart data as JSON for {@code
 * agreement.js} (put in a {@code data-} attribute, escaped by Qute like any attribute value).
 */
record Dashboard(
        AgreementService.Agreement agreement,
        List<Integer> versions,
        Integer guideVersion,
        boolean excludeUncertain,
        String slice,
        List<Headline> headlines,
        String hlpMethod,
        Heatmap kappas,
        Heatmap confusion,
        List<HlpRow> hlpPerClass,
        List<LabelerRow> labelers,
        List<SliceRow> slices,
        List<RoundRow> rounds,
        long labeledVersions,
        String chartData) {

    /**
     * One labeling round beside the round before it of the same examples; {@code previous*} and
     * {@code change} are empty for round 1. {@code change} is the alpha of this round minus that of
     * the round before, signed.
     */
    record RoundRow(int round, long examples, long labels, String percentAgreement, String krippendorffAlpha,
            String interval, long previousExamples, String previousPercentAgreement, String previousKrippendorffAlpha,
            String change) {
        public boolean hasPrevious() {
            return round > 1;
        }
    }

    record LabelerRow(String labeler, long labels, String agreementWithOthers, String uncertainRate) {
    }

    record SliceRow(String slice, long examples, long labels, String percentAgreement, String fleissKappa,
            String krippendorffAlpha) {
    }

    /** A headline figure: value, interval, and what it means. {@code tone} is good, fair or poor. */
    record Headline(String id, String name, String value, String interval, String reading, String tone) {
    }

    record Heatmap(List<String> columns, List<HeatRow> rows) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    record HeatRow(String name, List<HeatCell> cells) {
    }

    /** {@code css} names the colour bin, e.g. {@code heat-7}, {@code heat-neg}, {@code heat-na}. */
    record HeatCell(String text, String css, String title) {
    }

    record HlpRow(String label, String value) {
    }

    static Dashboard of(AgreementService.Agreement a, AgreementService.Trend trend, AgreementService.Rounds rounds,
            List<Integer> versions, ObjectMapper json) {
        List<Headline> headlines = new ArrayList<>();
        headlines.add(new Headline("percent", "Percent agreement", format(a.percentAgreement()), "",
                a.percentAgreement() == null ? undefined(a, "percentAgreement")
                        : percent(a.percentAgreement()) + " of label pairs on the same example agree; chance agreement"
                                + " is not removed, so compare it with the kappas.",
                a.percentAgreement() == null ? "none" : a.percentAgreement() >= 0.8 ? "good"
                        : a.percentAgreement() >= 0.6 ? "fair" : "poor"));
        headlines.add(kappaHeadline("cohen", "Cohen's kappa (mean over pairs)", a.cohenKappa(), null,
                a, "cohenKappa"));
        headlines.add(kappaHeadline("fleiss", "Fleiss' kappa", a.fleissKappa(), null, a, "fleissKappa"));
        headlines.add(kappaHeadline("alpha", "Krippendorff's alpha", a.krippendorffAlpha(),
                a.krippendorffAlphaCI95(), a, "krippendorffAlpha"));
        Double hlp = a.hlp().value();
        headlines.add(new Headline("hlp", "Human-level performance", format(hlp), "",
                hlp == null ? undefined(a, "hlp")
                        : "A labeler matches the reference " + percent(hlp) + " of the time (" + a.hlp().compared()
                                + " labels compared): the ceiling to hold a model to.",
                hlp == null ? "none" : hlp >= 0.9 ? "good" : hlp >= 0.75 ? "fair" : "poor"));

        List<HlpRow> hlpRows = new ArrayList<>();
        a.hlp().perClass().forEach((label, value) -> hlpRows.add(new HlpRow(label, format(value))));

        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("trend", trend.versions());
        chart.put("hlpPerClass", a.hlp().perClass());
        chart.put("selectedVersion", a.guideVersion());
        String chartData;
        try {
            chartData = json.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<LabelerRow> labelers = a.perLabeler().stream().map(l -> new LabelerRow(l.labeler(), l.labels(),
                format(l.agreementWithOthers()), format(l.uncertainRate()))).toList();
        List<SliceRow> slices = a.slices().stream().map(s -> new SliceRow(s.slice(), s.examples(), s.labels(),
                format(s.percentAgreement()), format(s.fleissKappa()), format(s.krippendorffAlpha()))).toList();
        return new Dashboard(a, versions, a.guideVersion(), a.excludeUncertain(), a.slice(), headlines, hlpMethod(a.hlp()),
                kappaHeatmap(a.cohenKappaMatrix()), confusionHeatmap(a.confusion()), hlpRows, labelers, slices,
                rounds.rounds().stream().map(Dashboard::roundRow).toList(),
                trend.versions().stream().filter(p -> p.labels() > 0).count(), chartData);
    }

    private static RoundRow roundRow(AgreementService.RoundPoint p) {
        AgreementService.RoundFigures now = p.figures();
        AgreementService.RoundFigures before = p.previousOfSameExamples();
        double[] ci = now.krippendorffAlphaCI95();
        String interval = ci == null ? "" : format(ci[0]) + " – " + format(ci[1]);
        if (before == null) {
            return new RoundRow(p.round(), now.examples(), now.labels(), format(now.percentAgreement()),
                    format(now.krippendorffAlpha()), interval, 0, "", "", "");
        }
        String change = now.krippendorffAlpha() == null || before.krippendorffAlpha() == null ? "—"
                : String.format(Locale.ROOT, "%+.3f", now.krippendorffAlpha() - before.krippendorffAlpha());
        return new RoundRow(p.round(), now.examples(), now.labels(), format(now.percentAgreement()),
                format(now.krippendorffAlpha()), interval, before.examples(), format(before.percentAgreement()),
                format(before.krippendorffAlpha()), change);
    }

    private static Headline kappaHeadline(String id, String name, Double value, double[] interval,
            AgreementService.Agreement a, String field) {
        if (value == null) {
            return new Headline(id, name, "—", "", undefined(a, field), "none");
        }
        String ci = interval == null ? "" : "95% CI " + format(interval[0]) + " – " + format(interval[1]);
        String reading = landisKoch(value) + " agreement beyond chance on the Landis–Koch bands (a convention,"
                + " not a law).";
        if (id.equals("alpha")) {
            reading += value >= 0.8 ? " Krippendorff: reliable enough to rely on."
                    : value >= 0.667 ? " Krippendorff: only for tentative conclusions."
                    : " Krippendorff: too low to rely on the labels.";
        }
        return new Headline(id, name, format(value), ci, reading,
                value >= 0.61 ? "good" : value >= 0.41 ? "fair" : "poor");
    }

    /** Landis &amp; Koch (1977), "The measurement of observer agreement for categorical data". */
    static String landisKoch(double kappa) {
        if (kappa < 0) return "Poor (below chance)";
        if (kappa <= 0.20) return "Slight";
        if (kappa <= 0.40) return "Fair";
        if (kappa <= 0.60) return "Moderate";
        if (kappa <= 0.80) return "Substantial";
        return "Almost perfect";
    }

    /** How HLP was measured on these labels, in words: which reference each label met, and what was left out. */
    static String hlpMethod(AgreementReport.Hlp hlp) {
        StringBuilder words = new StringBuilder("Each label is compared with a reference: ");
        if (hlp.bySmeResolution() > 0 && hlp.byLeaveOneOutMajority() > 0) {
            words.append("the SME's final answer for ").append(labels(hlp.bySmeResolution()))
                    .append(" on resolved examples, and the majority answer of the other labelers for ")
                    .append(labels(hlp.byLeaveOneOutMajority())).append(" elsewhere");
        } else if (hlp.bySmeResolution() > 0) {
            words.append("the SME's final answer, for all ").append(labels(hlp.bySmeResolution()));
        } else if (hlp.byLeaveOneOutMajority() > 0) {
            words.append("the majority answer of the other labelers of the example, for all ")
                    .append(labels(hlp.byLeaveOneOutMajority())).append(" (no example is resolved by an SME yet)");
        } else {
            words.append("the SME's final answer where there is one, otherwise the majority answer of the other"
                    + " labelers; no label has a reference yet");
        }
        words.append(". A labeler is never compared with a majority their own label helped to form.");
        if (hlp.skippedTies() > 0 || hlp.skippedWithoutOtherLabels() > 0) {
            words.append(" Left out: ");
            if (hlp.skippedTies() > 0) {
                words.append(labels(hlp.skippedTies())).append(" whose other labelers tied");
                if (hlp.skippedWithoutOtherLabels() > 0) words.append(", and ");
            }
            if (hlp.skippedWithoutOtherLabels() > 0) {
                words.append(labels(hlp.skippedWithoutOtherLabels())).append(" alone on an unresolved example");
            }
            words.append(".");
        }
        return words.toString();
    }

    private static String labels(long count) {
        return String.format(Locale.ROOT, "%,d label%s", count, count == 1 ? "" : "s");
    }

    private static String undefined(AgreementService.Agreement a, String field) {
        String reason = a.undefinedReasons().get(field);
        return "Not defined for these labels" + (reason == null ? "." : ": " + reason + ".");
    }

    private static Heatmap kappaHeatmap(AgreementReport.KappaMatrix matrix) {
        List<HeatRow> rows = new ArrayList<>();
        List<String> names = matrix.labelers();
        for (int i = 0; i < names.size(); i++) {
            List<HeatCell> cells = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                Double value = matrix.values()[i][j];
                if (i == j) {
                    cells.add(new HeatCell("", "heat-self", names.get(i)));
                } else if (value == null) {
                    cells.add(new HeatCell("–", "heat-na", names.get(i) + " × " + names.get(j) + ": undefined"));
                } else {
                    cells.add(new HeatCell(format2(value), bin(value), names.get(i) + " × " + names.get(j)
                            + ": kappa " + format(value)));
                }
            }
            rows.add(new HeatRow(names.get(i), cells));
        }
        return new Heatmap(names, rows);
    }

    /** Cells shaded by their share of the row (how labels of the row class are paired). */
    private static Heatmap confusionHeatmap(AgreementReport.Confusion confusion) {
        List<HeatRow> rows = new ArrayList<>();
        long[][] counts = confusion.counts();
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        if (total == 0) {
            return new Heatmap(confusion.labels(), List.of());
        }
        for (int i = 0; i < counts.length; i++) {
            long rowTotal = 0;
            for (long count : counts[i]) {
                rowTotal += count;
            }
            List<HeatCell> cells = new ArrayList<>();
            for (int j = 0; j < counts[i].length; j++) {
                double share = rowTotal == 0 ? 0 : (double) counts[i][j] / rowTotal;
                String css = (i == j ? "diag " : "") + (counts[i][j] == 0 ? "heat-zero" : bin(share));
                cells.add(new HeatCell(Long.toString(counts[i][j]), css, confusion.labels().get(i) + " paired with "
                        + confusion.labels().get(j) + ": " + counts[i][j] + " (" + percent(share) + " of the row)"));
            }
            rows.add(new HeatRow(confusion.labels().get(i), cells));
        }
        return new Heatmap(confusion.labels(), rows);
    }

    /** Colour bin of a value in [-1, 1]: heat-neg below 0, else heat-0 .. heat-9 by tenths. */
    static String bin(double value) {
        if (value < 0) return "heat-neg";
        return "heat-" + Math.min(9, (int) Math.floor(value * 10));
    }

    static String format(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String format2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
