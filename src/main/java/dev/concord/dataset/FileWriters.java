package dev.concord.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.CsvCells;
import dev.concord.example.ExampleContent;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of a version, each written once, row by row, during the release's one pass over the
 * project's examples in import order — never the whole dataset in the heap.
 */
final class FileWriters {

    private FileWriters() {}

    /** One released example, in import order. */
    interface Row {
        void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data,
                    String mediaSha256) throws IOException;

        /** After the last row: flushes what is buffered (the caller closes the stream). */
        void finish() throws IOException;
    }

    /**
     * An example's payload (a JSON object of its imported columns) as a map, read with the
     * streaming parser; anything but string and null values goes through data binding instead,
     * with the same result.
     */
    static Map<String, String> payload(ObjectMapper json, com.fasterxml.jackson.databind.ObjectReader reader, String payload) throws IOException {
        if (payload == null) return null;
        Map<String, String> data = new java.util.LinkedHashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = json.getFactory().createParser(payload)) {
            if (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                com.fasterxml.jackson.core.JsonToken t;
                while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) data.put(name, p.getText());
                    else if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL) data.put(name, null);
                    else break;
                }
                if (t == com.fasterxml.jackson.core.JsonToken.END_OBJECT && p.nextToken() == null) return data;
            }
        }
        return reader.readValue(payload);
    }

    static Row csv(Project project, DatasetSpec spec, ObjectMapper json, OutputStream out) throws IOException {
        List<String> columns = ExampleContent.columns(project, json);
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
        // Column names come from imported files and the release form: made inert like the cells.
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(CsvCells.inert(header.toArray(String[]::new))).get());
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
                for (int i = 0; i < n; i++) cells[i] = CsvCells.inert(cells[i]);
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
    /**
     * Feeds each row to several files, each written by its own thread (formatting and SHA-256 of
     * data.csv and data.jsonl cost as much as reading the rows): rows go in batches through a short
     * queue per file, so at most a few batches are in memory.
     */
    static final class Parallel implements AutoCloseable {
        private static final int BATCH = 256;
        private static final List<Object[]> END = List.of();

        private final List<Row> sinks;
        private final List<java.util.concurrent.BlockingQueue<List<Object[]>>> queues = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        private List<Object[]> batch = new ArrayList<>(BATCH);
        private boolean ended;

        Parallel(List<Row> sinks) {
            this.sinks = sinks;
            for (Row sink : sinks) {
                java.util.concurrent.BlockingQueue<List<Object[]>> queue = new java.util.concurrent.ArrayBlockingQueue<>(4);
                queues.add(queue);
                Thread t = new Thread(() -> drain(sink, queue), "dataset-file-writer");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void drain(Row sink, java.util.concurrent.BlockingQueue<List<Object[]>> queue) {
            try {
                for (List<Object[]> rows = queue.take(); rows != END; rows = queue.take()) {
                    if (failure.get() != null) continue; // keep taking, so that the reader never blocks
                    try {
                        for (Object[] r : rows) {
                            @SuppressWarnings("unchecked")
                            Map<String, String> data = (Map<String, String>) r[5];
                            sink.accept((String) r[0], (String) r[1], (String) r[2], (Double) r[3], (String) r[4], data, (String) r[6]);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
                if (failure.get() == null) sink.finish();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        void accept(String key, String label, String split, Double agreement, String labels, Map<String, String> data, String media)
                throws IOException {
            batch.add(new Object[] {key, label, split, agreement, labels, data, media});
            if (batch.size() == BATCH) {
                send(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        private void send(List<Object[]> rows) throws IOException {
            for (java.util.concurrent.BlockingQueue<List<Object[]>> queue : queues) {
                try {
                    queue.put(rows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while writing the dataset files");
                }
            }
            rethrow();
        }

        private void rethrow() throws IOException {
            Throwable e = failure.get();
            if (e instanceof IOException io) throw io;
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error err) throw err;
            if (e != null) throw new IOException(e);
        }

        /** Writes the rest, waits for every file to be complete, and reports any failure. */
        void finish() throws IOException {
            if (!batch.isEmpty()) send(batch);
            batch = new ArrayList<>();
            close();
            rethrow();
        }

        @Override
        public void close() throws IOException {
            if (ended) return;
            ended = true;
            try {
                for (java.util.concurrent.BlockingQueue<List<Object[]>> queue : queues) queue.put(END);
                for (Thread t : threads) t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing the dataset files");
            }
        }
    }
}
