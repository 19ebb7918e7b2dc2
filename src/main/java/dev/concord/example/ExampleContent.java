package dev.concord.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.Urls;
import dev.concord.project.Project;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person sees of an example: its text (text projects), its row's columns, or the address
 * of its media. Shared by the labeling API and the review pages; never includes anyone's labels.
 */
public record ExampleContent(String key, String modality, String mediaUrl, String mediaType, String text, Map<String, String> data) {

    /**
     * What a labeler sees: as {@link #of}, without the project's hidden columns (every labeler
     * response goes through here).
     */
    public static ExampleContent forLabeler(Project project, Example e, ObjectMapper json) {
        ExampleContent all = of(project, e, json);
        List<String> hidden = hiddenColumns(project, json);
        if (all.data() == null || hidden.isEmpty()) return all;
        Map<String, String> shown = new LinkedHashMap<>(all.data());
        shown.keySet().removeAll(hidden);
        return new ExampleContent(all.key(), all.modality(), all.mediaUrl(), all.mediaType(), all.text(), shown);
    }

    /** The columns labelers never see. */
    public static List<String> hiddenColumns(Project project, ObjectMapper json) {
        if (project.hiddenColumnsJson == null) return List.of();
        try {
            return List.of(json.readValue(project.hiddenColumnsJson, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hidden column list is not JSON", e);
        }
    }

    /** Everything of the example, hidden columns included: for staff (the review page). */
    public static ExampleContent of(Project project, Example e, ObjectMapper json) {
        Map<String, String> data = null;
        String text = null;
        if (e.payload != null) {
            try {
                data = withEveryColumn(json.readValue(e.payload, new TypeReference<LinkedHashMap<String, String>>() {}), columns(project, json));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("stored payload is not JSON", ex);
            }
            if (project.modality == Project.Modality.TEXT && project.textColumn != null) {
                text = data.remove(project.textColumn);
            }
        }
        String mediaUrl = e.mediaSha256 == null ? null : "/api/projects/" + project.slug + "/examples/" + Urls.pathSegment(e.key) + "/media";
        return new ExampleContent(e.key, project.modality.apiName(), mediaUrl, e.mediaType, text, data);
    }

    /** The imported columns of a row or text project, in the order of its first file; empty for media. */
    public static List<String> columns(Project project, ObjectMapper json) {
        if (project.columnsJson == null) return List.of();
        try {
            return List.of(json.readValue(project.columnsJson, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored column list is not JSON", e);
        }
    }

    /**
     * A row as people and exports see it: the fields it was imported with, then each other column of
     * the project, empty. A JSON line may omit fields, and rows are stored as their lines had them
     * (filling them in at import would cost rows × columns).
     */
    public static Map<String, String> withEveryColumn(Map<String, String> row, List<String> columns) {
        if (row.size() >= columns.size()) return row;
        Map<String, String> all = new LinkedHashMap<>(row);
        for (String column : columns) all.putIfAbsent(column, "");
        return all;
    }
}
