package dev.concord.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.user.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Imports examples, all or nothing: every bad line or file is collected and reported together,
 * and if there is any, nothing is stored (the transaction rolls back and media files this import
 * created are removed).
 */
@ApplicationScoped
public class ExampleImporter {
    static final int MAX_PROBLEMS = 1000;
    static final int MAX_KEY = 255;
    public static final String METADATA_FILE = "metadata.csv";
    private static final long MAX_METADATA_BYTES = 64L << 20;
    private static final String TOO_LARGE_UNPACKED = "The upload unpacks to more than the allowed size; split it into smaller archives.";

    private final EntityManager em;
    private final ObjectMapper json;
    private final MediaStore media;
    private final long maxInflated;
    private final int maxEntries;

    public ExampleImporter(EntityManager em, ObjectMapper json, MediaStore media, ConcordConfig config) {
        this.em = em;
        this.json = json;
        this.media = media;
        this.maxInflated = config.upload().maxInflatedBytes();
        this.maxEntries = config.upload().maxZipEntries();
    }

    /** An uploaded file: the name the client gave it (used only as a key) and where it was saved. */
    /** An uploaded file; {@code importJobId}: the page import it came with (null through the API). */
    public record Upload(String fileName, Path path, Long importJobId) {
        public Upload(String fileName, Path path) {
            this(fileName, path, null);
        }
    }

    /** One bad line (row imports) or file (media imports), as listed in the 400 body. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    /** One bad line or file of an upload; a page reads it as "Line 4: …" or "photos.zip!a.png: …". */
    public record Problem(Integer line, String file, String message) implements DomainException.Detail {
        @Override
        public String sentence() {
            return (line != null ? "Line " + line + ": " : file != null ? file + ": " : "") + message;
        }
    }

    private record Row(int line, String key, Map<String, String> columns) {}

    /**
     * Columns a file may have. The project keeps their list, and each example is shown and
     * exported with all of them (see {@link ExampleContent#withEveryColumn}).
     */
    static final int MAX_COLUMNS = 1000;

    /** The key column choice that keys rows by their line number (the file has no key column). */
    public static final String KEY_BY_LINE = "#line";

    /** The longest column name (the project keeps its key and text column names in 128 characters). */
    static final int MAX_COLUMN_NAME = 128;

    private static void checkColumnName(String name) {
        if (name.length() > MAX_COLUMN_NAME) {
            throw new DomainException.BadInput("A column name has at most " + MAX_COLUMN_NAME + " characters; '"
                    + name.substring(0, 40) + "…' has " + name.length() + ".");
        }
    }

    /** Why a file with more than {@link #MAX_COLUMNS} columns is refused, as the import and its preview say it. */
    static final String TOO_MANY_COLUMNS = "The file has more than " + MAX_COLUMNS + " columns (JSON fields); "
            + "keep the columns you label by, or put the rest in one field.";

    private static DomainException tooManyColumns() {
        return new DomainException.BadInput(TOO_MANY_COLUMNS);
    }

    // ---- rows and text --------------------------------------------------------------------------

    @Transactional
    public int importRows(Project project, Upload upload, String keyColumnParam, String textColumnParam, List<String> hiddenColumns) {
        return importRows(project, upload, keyColumnParam, textColumnParam, hiddenColumns, ImportProgress.NONE);
    }

    /** As above, reporting progress (rows stored) to {@code progress} as it goes. */
    @Transactional
    public int importRows(Project project, Upload upload, String keyColumnParam, String textColumnParam, List<String> hiddenColumns,
                          ImportProgress progress) {
        project = em.merge(project);
        boolean jsonl = isJsonLines(upload);
        List<Problem> problems = new ArrayList<>();
        List<String> header = new ArrayList<>();
        List<Row> rows = jsonl ? readJsonLines(upload.path(), header, problems) : readCsv(upload.path(), header, problems);
        if (rows.isEmpty() && problems.isEmpty()) {
            throw new DomainException.BadInput("The file holds no rows to import.");
        }
        boolean byLine = KEY_BY_LINE.equals(keyColumnParam) && !header.contains(KEY_BY_LINE);
        String keyColumn = byLine ? null : firstNonBlank(keyColumnParam, project.keyColumn, header.contains("id") ? "id" : null);
        if (keyColumn != null && !header.contains(keyColumn) && !rows.isEmpty()) {
            throw new DomainException.BadInput("The key column '" + keyColumn + "' is not in the file; its columns are " + header + ".");
        }
        String textColumn = null;
        if (project.modality == Project.Modality.TEXT) {
            textColumn = firstNonBlank(textColumnParam, project.textColumn, "text");
            if (!header.contains(textColumn) && !rows.isEmpty()) {
                throw new DomainException.BadInput("The text column '" + textColumn + "' is not in the file; name it with ?textColumn=. Its columns are " + header + ".");
            }
            if (textColumn.equals(keyColumn)) {
                throw new DomainException.BadInput("The text column and the key column are both '" + textColumn
                        + "'; the key names each row, the text is what labelers read: choose another column for one of them.");
            }
        }
        if (project.columnsJson != null) {
            List<String> known = readList(project.columnsJson);
            if (!new HashSet<>(known).equals(new HashSet<>(header))) {
                throw new DomainException.BadInput("This project's rows have the columns " + known + "; the file has " + header + ".");
            }
        }
        Set<String> existing = new HashSet<>(em.createQuery("select e.key from Example e where e.projectId = ?1", String.class)
                .setParameter(1, project.id).getResultList());
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            String key = keyColumn == null ? String.valueOf(row.line()) : row.columns().get(keyColumn);
            String keyProblem = keyProblem(key);
            if (keyProblem != null) {
                add(problems, new Problem(row.line(), null, keyProblem));
                continue;
            }
            Integer first = seen.putIfAbsent(key, row.line());
            if (first != null) {
                add(problems, new Problem(row.line(), null, "The key '" + key + "' appears twice in the file (first on line " + first + ")."));
            } else if (existing.contains(key)) {
                add(problems, new Problem(row.line(), null, "The key '" + key + "' is already in the project."));
            }
            if (textColumn != null && (row.columns().get(textColumn) == null || row.columns().get(textColumn).isBlank())) {
                add(problems, new Problem(row.line(), null, "The text in column '" + textColumn + "' is empty."));
            }
        }
        if (!problems.isEmpty()) {
            throw badRows(problems);
        }
        List<String> hidden = hiddenColumns(project, header, keyColumn, textColumn, hiddenColumns);
        if (project.columnsJson == null) {
            project.columnsJson = write(header);
            project.keyColumn = keyColumn;
            project.textColumn = textColumn;
        }
        if (!hidden.isEmpty()) project.hiddenColumnsJson = write(hidden);
        int first = nextPosition(project.id);
        Instant now = Instant.now();
        List<QueueEntry> chunk = new ArrayList<>();
        int n = 0;
        progress.total(rows.size());
        String keyOf = keyColumn;
        QueueOrder order = new QueueOrder(project.id, rows.size(), i -> keyOf == null ? String.valueOf(rows.get(i).line()) : rows.get(i).columns().get(keyOf));
        for (int i : order.indexes()) {
            Row row = rows.get(i);
            Example e = new Example();
            e.projectId = project.id;
            e.key = order.key(i);
            e.position = first + i;
            e.payload = write(row.columns());
            e.contentHash = Tokens.sha256(e.payload);
            e.createdAt = now;
            e.importJobId = upload.importJobId();
            em.persist(e);
            chunk.add(QueueEntry.of(e, order.shuffle(i)));
            if (++n % 500 == 0) {
                enqueue(chunk);
                em.flush();
                em.clear();
                progress.processed(n);
            }
        }
        enqueue(chunk);
        em.flush();
        progress.processed(n);
        return n;
    }

    private List<Row> readCsv(Path path, List<String> header, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = TableFile.csv(path)) {
            header.addAll(parser.getHeaderNames());
            if (header.size() > MAX_COLUMNS) throw tooManyColumns();
            header.forEach(ExampleImporter::checkColumnName);
            if (header.isEmpty()) {
                throw new DomainException.BadInput("The CSV file has no header line; its first line must name the columns.");
            }
            TableFile.forEachCsvRow(parser, (record, line) -> {
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) columns.put(header.get(i), record.get(i));
                rows.add(new Row(line, null, columns));
            }, (line, message) -> add(problems, new Problem(line, null, message)));
        } catch (IllegalArgumentException e) {
            throw new DomainException.BadInput("The CSV header is not usable: " + safeMessage(e) + " Each column needs a distinct, non-empty name.");
        } catch (UncheckedIOException | IOException e) {
            throw new DomainException.BadInput("The file is not readable as UTF-8 CSV (" + safeMessage(e) + ").");
        }
        return rows;
    }

    private List<Row> readJsonLines(Path path, List<String> header, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        Set<String> columnNames = new java.util.LinkedHashSet<>();
        try {
            TableFile.forEachJsonLine(path, json, (line, node, notJson) -> {
                if (notJson) {
                    add(problems, new Problem(line, null, "This line is not valid JSON."));
                    return;
                }
                if (node == null) {
                    add(problems, new Problem(line, null, "Each line must be one JSON object, e.g. {\"id\": \"a1\", \"text\": \"...\"}."));
                    return;
                }
                Map<String, String> columns = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode v = field.getValue();
                    if (v.isContainerNode()) {
                        add(problems, new Problem(line, null, "The field '" + field.getKey() + "' holds a list or object; values must be text, numbers, booleans or null."));
                        return;
                    }
                    columns.put(field.getKey(), v.isNull() ? "" : v.asText());
                    if (columnNames.add(field.getKey())) {
                        if (columnNames.size() > MAX_COLUMNS) throw tooManyColumns();
                        checkColumnName(field.getKey());
                    }
                }
                rows.add(new Row(line, null, columns));
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DomainException.BadInput("The file is not readable as UTF-8 JSON lines (" + safeMessage(e) + ").");
        }
        // A line may omit fields: its row keeps the fields it has. Filling in every column here would
        // cost rows × columns (one wide line, then 40,000 short ones: 20 s in a 2 GiB heap).
        header.addAll(columnNames);
        return rows;
    }

    // ---- media ----------------------------------------------------------------------------------

    @Transactional
    public int importMedia(Project project, List<Upload> uploads) {
        project = em.merge(project);
        List<Problem> problems = new ArrayList<>();
        List<MediaFile> files = new ArrayList<>();
        Map<String, Map<String, String>> metadata = new HashMap<>();
        List<String> created = new ArrayList<>();
        try {
            long[] inflated = {0};
            for (Upload upload : uploads) {
                try (InputStream raw = new BufferedInputStream(Files.newInputStream(upload.path()))) {
                    raw.mark(4);
                    byte[] magic = raw.readNBytes(4);
                    raw.reset();
                    if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                        readZip(project, raw, upload.fileName(), files, metadata, problems, created, inflated);
                    } else {
                        readMediaFile(project, baseName(upload.fileName()), raw, upload.fileName(), files, metadata, problems, created);
                    }
                }
            }
            if (files.isEmpty() && problems.isEmpty()) {
                throw new DomainException.BadInput("No media files found; upload " + MediaTypes.describe(project.modality) + ", or a zip of them.");
            }
            Set<String> existing = new HashSet<>(em.createQuery("select e.key from Example e where e.projectId = ?1", String.class)
                    .setParameter(1, project.id).getResultList());
            Map<String, String> seen = new HashMap<>();
            for (MediaFile f : files) {
                String first = seen.putIfAbsent(f.key(), f.source());
                if (first != null) {
                    add(problems, new Problem(null, f.source(), "The file name '" + f.key() + "' appears twice (also " + first + "); file names are the keys and must be unique."));
                } else if (existing.contains(f.key())) {
                    add(problems, new Problem(null, f.source(), "An example named '" + f.key() + "' is already in the project."));
                }
            }
            for (String key : metadata.keySet()) {
                if (!seen.containsKey(key)) {
                    add(problems, new Problem(null, METADATA_FILE, "metadata.csv names '" + key + "', which is not among the uploaded files."));
                }
            }
            if (!problems.isEmpty()) throw badRows(problems);
            int first = nextPosition(project.id);
            Instant now = Instant.now();
            List<QueueEntry> chunk = new ArrayList<>();
            QueueOrder order = new QueueOrder(project.id, files.size(), i -> files.get(i).key());
            for (int i : order.indexes()) {
                MediaFile f = files.get(i);
                Example e = new Example();
                e.projectId = project.id;
                e.key = f.key();
                e.position = first + i;
                e.mediaSha256 = f.sha256();
                e.mediaType = f.type();
                e.mediaName = f.key();
                e.mediaSize = f.size();
                e.contentHash = f.sha256();
                Map<String, String> meta = metadata.get(f.key());
                e.metadata = meta == null ? null : write(meta);
                e.createdAt = now;
                e.importJobId = uploads.get(0).importJobId();
                em.persist(e);
                chunk.add(QueueEntry.of(e, order.shuffle(i)));
            }
            enqueue(chunk);
            em.flush();
            return files.size();
        } catch (RuntimeException | IOException e) {
            created.forEach(media::delete);
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    private record MediaFile(String key, String source, String sha256, String type, long size) {}

    private void readZip(Project project, InputStream raw, String zipName, List<MediaFile> files, Map<String, Map<String, String>> metadata,
                         List<Problem> problems, List<String> created, long[] inflated) throws IOException {
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new DomainException.TooLarge("The zip has more than " + maxEntries + " entries.");
                }
                String name = entry.getName();
                if (unsafeEntryName(name)) {
                    add(problems, new Problem(null, name, "This entry's path is absolute or climbs out of the archive ('..'); it was not unpacked."));
                    continue;
                }
                if (entry.isDirectory() || name.startsWith("__MACOSX/")) continue;
                String base = baseName(name);
                if (base.startsWith(".")) continue;
                BoundedInputStream entryBytes = Bounded.atMost(zip, maxInflated - inflated[0], TOO_LARGE_UNPACKED);
                readMediaFile(project, base, new BufferedInputStream(entryBytes), zipName + "!" + name, files, metadata, problems, created);
                inflated[0] += entryBytes.getCount();
            }
        } catch (ZipException e) {
            add(problems, new Problem(null, zipName, "The zip archive is damaged or uses an unsupported format."));
        }
    }

    private void readMediaFile(Project project, String key, InputStream in, String source, List<MediaFile> files,
                               Map<String, Map<String, String>> metadata, List<Problem> problems, List<String> created)
            throws IOException {
        if (METADATA_FILE.equalsIgnoreCase(key)) {
            readMetadata(new String(Bounded.atMost(in, MAX_METADATA_BYTES, "metadata.csv is larger than "
                    + (MAX_METADATA_BYTES >> 20) + " MiB.").readAllBytes(), StandardCharsets.UTF_8), metadata, problems);
            return;
        }
        String keyProblem = keyProblem(key);
        if (keyProblem != null) {
            add(problems, new Problem(null, source, keyProblem));
            return;
        }
        in.mark(16);
        byte[] head = in.readNBytes(16);
        in.reset();
        String type = MediaTypes.sniff(head, head.length).orElse(null);
        if (type == null || !MediaTypes.fits(project.modality, type)) {
            add(problems, new Problem(null, source, "The content is not " + MediaTypes.describe(project.modality) + " (checked by its bytes, not its name)."));
            return;
        }
        MediaStore.Stored stored = media.put(in, maxInflated);
        if (stored.created()) created.add(stored.sha256());
        files.add(new MediaFile(key, source, stored.sha256(), type, stored.size()));
    }

    private void readMetadata(String csv, Map<String, Map<String, String>> metadata, List<Problem> problems) {
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(csv)).setFormat(TableFile.CSV).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                add(problems, new Problem(null, METADATA_FILE, "metadata.csv needs a header: the file name column first, then the fields."));
                return;
            }
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    add(problems, new Problem((int) record.getRecordNumber() + 1, METADATA_FILE, "This row has " + record.size() + " values; the header has " + header.size() + "."));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 1; i < header.size(); i++) fields.put(header.get(i), record.get(i));
                metadata.put(record.get(0), fields);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            add(problems, new Problem(null, METADATA_FILE, "metadata.csv is not valid CSV."));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * The project's hidden columns after this import: those it had, and the file's columns named in
     * {@code asked}. The key and the text are what a labeler needs, so they cannot be hidden; an
     * unknown name is refused (a typo would otherwise show the answer it meant to hide).
     */
    private List<String> hiddenColumns(Project project, List<String> header, String keyColumn, String textColumn, List<String> asked) {
        java.util.LinkedHashSet<String> hidden = new java.util.LinkedHashSet<>(ExampleContent.hiddenColumns(project, json));
        if (asked == null) return List.copyOf(hidden);
        for (String name : asked) {
            String column = name == null ? "" : name.strip();
            if (column.isEmpty()) continue;
            if (!header.contains(column)) {
                throw new DomainException.BadInput("The column '" + column + "' to hide from labelers is not in the file; its columns are " + header + ".");
            }
            if (column.equals(keyColumn) || column.equals(textColumn)) {
                throw new DomainException.BadInput("'" + column + "' is the " + (column.equals(keyColumn) ? "key" : "text")
                        + " column: labelers need it, so it cannot be hidden.");
            }
            hidden.add(column);
        }
        return List.copyOf(hidden);
    }

    static boolean unsafeEntryName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) return true;
        for (String part : n.split("/")) {
            if (part.equals("..")) return true;
        }
        return false;
    }

    static String baseName(String name) {
        if (name == null) return "";
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    static String keyProblem(String key) {
        if (key == null || key.isBlank()) return "The key is empty.";
        if (key.length() > MAX_KEY) return "The key is longer than " + MAX_KEY + " characters.";
        if (!key.equals(key.strip())) return "The key '" + key + "' has leading or trailing spaces.";
        if (key.chars().anyMatch(c -> Character.isISOControl(c) || c == '\\')) return "The key '" + key + "' contains a control character or a backslash.";
        // A key is one path segment of its addresses ('/' is sent as %2F), and '.' or '..' there is
        // resolved away by browsers and servers alike.
        if (key.equals(".") || key.equals("..")) return "The key '" + key + "' is not allowed: in an address '.' and '..' mean folders; choose another key.";
        return null;
    }

    /**
     * Puts the examples persisted since the last call in the labeling queue. After the examples, so
     * the statement batches stay whole (examples, then their queue entries) and the rows they
     * reference are inserted first.
     */
    private void enqueue(List<QueueEntry> chunk) {
        chunk.forEach(em::persist);
        chunk.clear();
    }

    /**
     * The order in which an import's examples are stored: the queue's (its stable shuffle), not the
     * file's, which the examples keep as their position. Ids then follow the order in which the
     * queue hands the examples out, so the labels and leases written together (by labelers working
     * at the front of the queue) fall on neighbouring pages of the label, lease and queue indexes
     * instead of one page per label (BENCHMARKS.md).
     */
    private static final class QueueOrder {
        private final String[] keys;
        private final int[] shuffles;
        private final int[] indexes;

        QueueOrder(long projectId, int size, IntFunction<String> keyOf) {
            keys = new String[size];
            shuffles = new int[size];
            for (int i = 0; i < size; i++) {
                keys[i] = keyOf.apply(i);
                shuffles[i] = QueueEntry.shuffle(projectId, keys[i]);
            }
            indexes = IntStream.range(0, size).boxed()
                    .sorted(Comparator.<Integer>comparingInt(i -> shuffles[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
        }

        /** The positions in the file (0-based), in the queue's order. */
        int[] indexes() {
            return indexes;
        }

        String key(int i) {
            return keys[i];
        }

        int shuffle(int i) {
            return shuffles[i];
        }
    }

    private int nextPosition(long projectId) {
        Integer max = em.createQuery("select max(e.position) from Example e where e.projectId = ?1", Integer.class)
                .setParameter(1, projectId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    private static boolean isJsonLines(Upload upload) {
        try {
            return TableFile.isJsonLines(upload.fileName(), upload.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(List<Problem> problems, Problem p) {
        if (problems.size() < MAX_PROBLEMS) problems.add(p);
    }

    private static DomainException badRows(List<Problem> problems) {
        problems.sort(java.util.Comparator.comparing((Problem p) -> p.line() == null ? Integer.MAX_VALUE : p.line())
                .thenComparing(p -> p.file() == null ? "" : p.file()));
        String more = problems.size() >= MAX_PROBLEMS ? " (the first " + MAX_PROBLEMS + " are listed)" : "";
        return new DomainException.BadInput("bad_rows", problems.size() + " line(s) or file(s) are not valid" + more + "; nothing was imported. Fix them and upload again.", problems);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> readList(String value) {
        try {
            return List.of(json.readValue(value, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    private static String safeMessage(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.replaceAll("[a-zA-Z_$][a-zA-Z0-9_$]*(\\.[a-zA-Z_$][a-zA-Z0-9_$]*)+(Exception|Error)", "").trim();
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
