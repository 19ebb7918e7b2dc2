package dev.concord.dataset;

import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.project.ProjectLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated release request, with the defaults of API.md filled in. */
public record DatasetSpec(LinkedHashMap<String, Double> splits, long seed, boolean includeUncertain, String consensus,
                          String labelColumn, Map<String, String> labelCodes, Map<String, String> splitNames) {

    public static DatasetSpec of(Project project, Map<String, Double> splits, Long seed, Boolean includeUncertain, String consensus,
                                 String labelColumn, Map<String, String> labelCodes, Map<String, String> splitNames) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (splits == null || splits.isEmpty()) {
            problems.add(problem("splits", "Give the split ratios, e.g. {\"train\":0.8,\"dev\":0.1,\"test\":0.1}."));
        } else {
            double sum = 0;
            for (Map.Entry<String, Double> e : splits.entrySet()) {
                if (e.getKey() == null || !e.getKey().matches("[A-Za-z0-9_-]{1,32}")) problems.add(problem("splits", "A split name is 1–32 letters, digits, '_' or '-'."));
                if (e.getValue() == null || !(e.getValue() > 0)) problems.add(problem("splits", "Each ratio is above 0 ('" + e.getKey() + "' is not)."));
                else sum += e.getValue();
            }
            if (Math.abs(sum - 1) > 1e-9) {
                // Rounded as a person would write it: 0.9 + 0.5 + 0.2 adds up to 1.6, not 1.5999999999999999.
                String total = new java.math.BigDecimal(sum).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
                problems.add(problem("splits", "The ratios must add up to 1; they add up to " + total + "."));
            }
        }
        if (seed == null) problems.add(problem("seed", "Give a seed, so the splits can be reproduced."));
        String method = consensus == null ? MajorityVote.NAME : consensus;
        if (!Consensus.NAMES.contains(method)) problems.add(problem("consensus", "consensus is 'majority' or 'dawid-skene'."));
        String column = labelColumn == null || labelColumn.isBlank() ? "label" : labelColumn;
        if (column.length() > 128) problems.add(problem("labelColumn", "At most 128 characters."));
        Map<String, String> codes = new LinkedHashMap<>();
        boolean namedImportedColumn = project.columnsJson != null && project.columnsJson.contains("\"" + column + "\"");
        for (ProjectLabel l : project.labels) {
            // The lab format (a label column of the imported file) uses the project's codes unless told otherwise.
            codes.put(l.name, namedImportedColumn && l.code != null ? l.code : l.name);
        }
        codes.put(Project.UNCERTAIN, Project.UNCERTAIN);
        if (labelCodes != null) {
            for (Map.Entry<String, String> e : labelCodes.entrySet()) {
                if (!project.accepts(e.getKey())) problems.add(problem("labelCodes", "'" + e.getKey() + "' is not a label of this project."));
                else codes.put(e.getKey(), e.getValue());
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (splits != null) splits.keySet().forEach(s -> names.put(s, s));
        if (splitNames != null) {
            for (Map.Entry<String, String> e : splitNames.entrySet()) {
                if (splits == null || !splits.containsKey(e.getKey())) problems.add(problem("splitNames", "'" + e.getKey() + "' is not one of the splits."));
                else if (e.getValue() == null || !e.getValue().matches("[A-Za-z0-9_-]{1,32}")) problems.add(problem("splitNames", "A split name is 1–32 letters, digits, '_' or '-'."));
                else names.put(e.getKey(), e.getValue());
            }
        }
        if (!problems.isEmpty()) throw new DomainException.BadInput("The dataset cannot be released: see details.", problems);
        return new DatasetSpec(new LinkedHashMap<>(splits), seed, Boolean.TRUE.equals(includeUncertain), method, column, codes, names);
    }

    private static Map<String, String> problem(String field, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("field", field);
        p.put("message", message);
        return p;
    }
}
