package dev.concord.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.example.MediaStore;
import dev.concord.project.Project;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of a version, each written once, row by row, during the release's one pass over the
 * project's examples in import order — never the whole dataset in the heap.
 */
final class FileWriters {
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FileWriters() {}

    /** One released example, in import order. */
    interface Row {
        void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data,
                    String mediaSha256) throws IOException;

        /** After the last row: flushes what is buffered (the caller closes the stream). */
        void finish() throws IOException;
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

    static Row csv(Project project, DatasetSpec spec, ObjectMapper json, OutputStream out) throws IOException {
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
        String[] cells = new String[header.size()];
        Map<Double, String> formatted = new java.util.HashMap<>();
        return new Row() {
            @Override
            public void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data, String media)
                    throws IOException {
                String code = spec.labelCodes().getOrDefault(label, label);
                String splitName = spec.splitNames().getOrDefault(split, split);
                int n = 0;
                if (labFormat) {
                    for (String col : columns) cells[n++] = col.equals(spec.labelColumn()) ? code : data == null ? "" : data.getOrDefault(col, "");
                    cells[n++] = splitName;
                } else {
                    cells[n++] = key;
                    cells[n++] = code;
                    cells[n++] = splitName;
                    cells[n++] = agreement == null ? "" : formatted.size() < 4096
                            ? formatted.computeIfAbsent(agreement, FileWriters::fourDecimals) : fourDecimals(agreement);
                    cells[n++] = labels;
                    for (int i = 5; i < header.size(); i++) cells[n++] = data == null ? "" : data.getOrDefault(header.get(i), "");
                }
                for (int i = 0; i < n; i++) cells[i] = inert(cells[i]);
                printer.printRecord((Object[]) cells);
            }

            @Override
            public void finish() throws IOException {
                printer.flush();
            }
        };
    }

    /** Majority shares repeat (4/5, 3/4, ...): formatted once each. */
    private static String fourDecimals(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    static Row jsonl(DatasetSpec spec, ObjectMapper json, OutputStream out) throws IOException {
        JsonGenerator g = json.getFactory().createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        String codeField = spec.labelColumn().equals("label") ? "code" : spec.labelColumn();
        return new Row() {
            @Override
            public void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data, String media)
                    throws IOException {
                g.writeStartObject();
                g.writeStringField("key", key);
                g.writeStringField("label", label);
                g.writeStringField(codeField, spec.labelCodes().getOrDefault(label, label));
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
            }

            @Override
            public void finish() throws IOException {
                g.writeRaw('\n');
                g.flush();
            }
        };
    }

    static Row zip(DatasetSpec spec, MediaStore media, OutputStream out) {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        return new Row() {
            @Override
            public void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data, String sha)
                    throws IOException {
                if (sha == null) return;
                String folder = label.replaceAll("[/\\\\:*?\"<>|]", "_");
                ZipEntry entry = new ZipEntry(spec.splitNames().getOrDefault(split, split) + "/" + folder + "/" + key);
                entry.setTime(0L); // fixed timestamps: the archive's bytes depend only on its content
                zip.putNextEntry(entry);
                Files.copy(media.path(sha), zip);
                zip.closeEntry();
            }

            @Override
            public void finish() throws IOException {
                zip.finish();
            }
        };
    }
}
