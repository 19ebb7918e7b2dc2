package dev.concord.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.example.MediaStore;
import dev.concord.project.Project;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of a version, each written once by streaming the snapshot rows (dataset_example joined
 * to example, in import order) — never the whole dataset in the heap.
 */
final class FileWriters {
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FileWriters() {}

    interface Row {
        void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data,
                    String mediaSha256) throws IOException;
    }

    static void each(Connection c, long versionId, Map<Long, DatasetService.Released> released, ObjectMapper json, Row row)
            throws SQLException, IOException {
        try (PreparedStatement q = c.prepareStatement("""
                select e.id, e.ex_key, d.label_value, d.split, d.agreement, e.payload, e.media_sha256
                from dataset_example d join example e on e.id = d.example_id
                where d.dataset_version_id = ? order by e.position""", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            q.setFetchSize(2000);
            q.setLong(1, versionId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    double agreement = r.getDouble(5);
                    Double a = r.wasNull() ? null : agreement;
                    String payload = r.getString(6);
                    Map<String, String> data = payload == null ? null : json.readValue(payload, new TypeReference<LinkedHashMap<String, String>>() {});
                    DatasetService.Released info = released.get(r.getLong(1));
                    row.accept(r.getString(2), r.getString(3), r.getString(4), a, info == null ? "" : info.labels(), data, r.getString(7));
                }
            }
        }
    }

    /** A cell a spreadsheet would run as a formula is made inert with a leading apostrophe. */
    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) return cell;
        char first = cell.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') && !NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }

    static void csv(Connection c, Project project, long versionId, DatasetSpec spec, Map<Long, DatasetService.Released> released,
                    ObjectMapper json, OutputStream out) throws IOException, SQLException {
        List<String> columns = project.columnsJson == null ? List.of() : List.of(json.readValue(project.columnsJson, String[].class));
        boolean labFormat = columns.contains(spec.labelColumn());
        List<String> header = new ArrayList<>();
        if (labFormat) {
            header.addAll(columns);
            header.add("split");
        } else {
            header.addAll(List.of("key", spec.labelColumn(), "split", "agreement", "labels"));
            for (String col : columns) if (!header.contains(col)) header.add(col);
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        each(c, versionId, released, json, (key, label, split, agreement, labels, data, media) -> {
            List<String> cells = new ArrayList<>(header.size());
            String code = spec.labelCodes().getOrDefault(label, label);
            String splitName = spec.splitNames().getOrDefault(split, split);
            if (labFormat) {
                for (String col : columns) cells.add(col.equals(spec.labelColumn()) ? code : data == null ? "" : data.getOrDefault(col, ""));
                cells.add(splitName);
            } else {
                cells.add(key);
                cells.add(code);
                cells.add(splitName);
                cells.add(agreement == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", agreement));
                cells.add(labels);
                for (int i = 5; i < header.size(); i++) cells.add(data == null ? "" : data.getOrDefault(header.get(i), ""));
            }
            for (int i = 0; i < cells.size(); i++) cells.set(i, inert(cells.get(i)));
            printer.printRecord(cells);
        });
        printer.flush();
    }

    static void jsonl(Connection c, Project project, long versionId, DatasetSpec spec, Map<Long, DatasetService.Released> released,
                      ObjectMapper json, OutputStream out) throws IOException, SQLException {
        JsonGenerator g = json.getFactory().createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        each(c, versionId, released, json, (key, label, split, agreement, labels, data, media) -> {
            g.writeStartObject();
            g.writeStringField("key", key);
            g.writeStringField("label", label);
            g.writeStringField(spec.labelColumn().equals("label") ? "code" : spec.labelColumn(), spec.labelCodes().getOrDefault(label, label));
            g.writeStringField("split", spec.splitNames().getOrDefault(split, split));
            if (agreement == null) g.writeNullField("agreement"); else g.writeNumberField("agreement", agreement);
            g.writeArrayFieldStart("labels");
            for (String l : labels.isEmpty() ? new String[0] : labels.split("\\|")) g.writeString(l);
            g.writeEndArray();
            if (data != null) {
                g.writeObjectFieldStart("data");
                for (Map.Entry<String, String> e : data.entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        });
        g.writeRaw('\n');
        g.flush();
    }

    static void zip(Connection c, long versionId, DatasetSpec spec, Map<Long, DatasetService.Released> released, ObjectMapper json,
                    MediaStore media, OutputStream out) throws IOException, SQLException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        each(c, versionId, released, json, (key, label, split, agreement, labels, data, sha) -> {
            if (sha == null) return;
            String folder = label.replaceAll("[/\\\\:*?\"<>|]", "_");
            ZipEntry entry = new ZipEntry(spec.splitNames().getOrDefault(split, split) + "/" + folder + "/" + key);
            entry.setTime(0L); // fixed timestamps: the archive's bytes depend only on its content
            zip.putNextEntry(entry);
            Files.copy(media.path(sha), zip);
            zip.closeEntry();
        });
        zip.finish();
    }
}
