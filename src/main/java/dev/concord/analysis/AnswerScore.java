package dev.concord.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.project.Project;

/**
 * How a model's answer is read and scored against the released one, per annotation kind: a
 * single label scores 1 when it equals the released label (exact match); the other kinds bring
 * their own reading of the answer and their own score (per-label F1, 1 − WER, F1 at the IoU
 * threshold), all between 0 and 1, so the analysis stays the same for every kind.
 */
interface AnswerScore {

    /** The answer in a CSV cell, as stored; null with {@code problem} set when it is not a valid answer. */
    String fromCell(String cell, StringBuilder problem);

    /** The answer in a JSON line, as stored; null with {@code problem} set when it is missing or not valid. */
    String fromJson(JsonNode line, StringBuilder problem);

    /** The model's score on one example, 0 to 1. */
    double score(String predicted, String released);

    /** The scoring of the project's kind. */
    static AnswerScore of(Project project) {
        return new SingleLabel(project);
    }

    /** Classification: one label, exact match. */
    final class SingleLabel implements AnswerScore {
        private final Project project;

        SingleLabel(Project project) {
            this.project = project;
        }

        @Override
        public String fromCell(String cell, StringBuilder problem) {
            String label = cell == null ? "" : cell.strip();
            if (label.isEmpty()) {
                problem.append("The prediction is empty.");
                return null;
            }
            if (!project.labelNames().contains(label)) {
                problem.append("'").append(label).append("' is not one of this project's labels ").append(project.labelNames()).append('.');
                return null;
            }
            return label;
        }

        @Override
        public String fromJson(JsonNode line, StringBuilder problem) {
            JsonNode value = line.get("prediction");
            if (value == null || !value.isTextual()) {
                problem.append("The line needs \"prediction\": one of this project's labels, as a string.");
                return null;
            }
            return fromCell(value.asText(), problem);
        }

        @Override
        public double score(String predicted, String released) {
            return predicted.equals(released) ? 1 : 0;
        }
    }
}
