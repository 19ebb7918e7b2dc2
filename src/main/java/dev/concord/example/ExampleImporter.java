package dev.concord.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.ConcordConfig;
import dev.concord.base.Database;
import dev.concord.base.IdBlocks;
import dev.concord.base.DomainException;
import dev.concord.project.Project;
import dev.concord.user.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    private final Database database;
    private final ObjectMapper json;
    private final MediaStore media;
    private final long maxInflated;
    private final Path spillDir;
    private final int maxEntries;

    public ExampleImporter(EntityManager em, Database database, ObjectMapper json, MediaStore media, ConcordConfig config) {
        this.em = em;
        this.database = database;
        this.json = json;
        this.media = media;
        this.maxInflated = config.upload().maxInflatedBytes();
        this.spillDir = ImportJobs.uploadsDir(config.dataDir());
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

    public int importRows(Project project, Upload upload, String keyColumnParam, String textColumnParam, List<String> hiddenColumns) {
        return importRows(project, upload, keyColumnParam, textColumnParam, hiddenColumns, ImportProgress.NONE);
    }

    /**
     * Imports the rows of a CSV or JSON-lines file. One pass over the file checks every row (its
     * form, its key, its text) and spills each row's stored form to a temporary file, so memory
     * holds each row's key and place but never the file; then, only when no row has a problem, the
     * rows are written with batched JDBC in one database transaction of its own
     * ({@link Database#inOwnTransaction}: no timeout, nothing stored unless all is), in the queue's
     * order (see {@link QueueOrder}): their ids ascend as they are written, so each index that
     * follows the id (the table itself, the queue's) grows at its end instead of at a random page,
     * which on H2 is most of the cost of a large transaction and of its commit.
     */
    public int importRows(Project given, Upload upload, String keyColumnParam, String textColumnParam, List<String> hiddenColumns,
                          ImportProgress progress) {
        Project project = current(given);
        boolean jsonl = isJsonLines(upload);
        boolean byLineAsked = KEY_BY_LINE.equals(keyColumnParam);
        String keyCandidate = byLineAsked ? KEY_BY_LINE : firstNonBlank(keyColumnParam, project.keyColumn, "id");
        String textCandidate = project.modality == Project.Modality.TEXT ? firstNonBlank(textColumnParam, project.textColumn, "text") : null;
        List<Problem> problems = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> candidateKeys = new ArrayList<>();
        java.util.BitSet blankText = new java.util.BitSet();
        try (Spill spill = new Spill(spillDir)) {
            List<String> header = readRows(upload, jsonl, problems, (line, columns) -> {
                if (textCandidate != null) {
                    String text = columns.get(textCandidate);
                    if (text == null || text.isBlank()) blankText.set(lines.size());
                }
                lines.add(line);
                candidateKeys.add(columns.get(keyCandidate));
                if (problems.isEmpty()) spill.add(write(columns));
            });
            int n = lines.size();
            if (n == 0 && problems.isEmpty()) {
                throw new DomainException.BadInput("The file holds no rows to import.");
            }
            boolean byLine = byLineAsked && !header.contains(KEY_BY_LINE);
            String keyColumn = byLine ? null : firstNonBlank(keyColumnParam, project.keyColumn, header.contains("id") ? "id" : null);
            if (keyColumn != null && !header.contains(keyColumn) && n > 0) {
                throw new DomainException.BadInput("The key column '" + keyColumn + "' is not in the file; its columns are " + header + ".");
            }
            String textColumn = textCandidate;
            if (textColumn != null) {
                if (!header.contains(textColumn) && n > 0) {
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
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) keys[i] = keyColumn == null ? String.valueOf(lines.get(i)) : candidateKeys.get(i);
            candidateKeys.clear();
            List<String> hidden = hiddenColumns(project, header, keyColumn, textColumn, hiddenColumns);
            Instant now = Instant.now();
            return write(project, upload, (c, existing) -> {
                Map<String, Integer> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    int line = lines.get(i);
                    String key = keys[i];
                    String keyProblem = keyProblem(key);
                    if (keyProblem != null) {
                        add(problems, new Problem(line, null, keyProblem));
                        continue;
                    }
                    Integer first = seen.putIfAbsent(key, line);
                    if (first != null) {
                        add(problems, new Problem(line, null, "The key '" + key + "' appears twice in the file (first on line " + first + ")."));
                    } else if (existing.contains(key)) {
                        add(problems, new Problem(line, null, "The key '" + key + "' is already in the project."));
                    }
                    if (blankText.get(i)) {
                        add(problems, new Problem(line, null, "The text in column '" + textColumn + "' is empty."));
                    }
                }
                seen = null;
                existing.clear();
                if (!problems.isEmpty()) throw badRows(problems);
                progress.total(n);
                QueueOrder order = new QueueOrder(project.id, n, i -> keys[i]);
                long[] ids = order.ids(database.ids("example_seq"), c);
                int first = nextPosition(c, project.id);
                long reported = System.nanoTime();
                int written = 0;
                try (ExampleRows rows = new ExampleRows(c, project.id, upload.importJobId(), now)) {
                    for (int i : order.indexes()) {
                        String payload = spill.get(i);
                        rows.add(ids[i], keys[i], first + i, payload, null, null, null, null, null, Tokens.sha256(payload), order.shuffle(i));
                        if (++written % 1000 == 0 && System.nanoTime() - reported > PROGRESS_EVERY_NANOS) {
                            progress.processed(written);
                            reported = System.nanoTime();
                        }
                    }
                }
                updateProject(c, project, header, keyColumn, textColumn, hidden);
                progress.processed(n);
                return n;
            });
        }
    }

    /** How often a long import reports its progress (each report is a small transaction of its own). */
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    /** Hands each data row of the file, with its line and its columns (a JSON line: the fields it has), to a visitor. */
    private interface RowVisitor {
        void row(int line, Map<String, String> columns);
    }

    /** Reads every row of the file into {@code visitor}; returns the columns (a CSV's header, the union of JSON lines' fields). */
    private List<String> readRows(Upload upload, boolean jsonl, List<Problem> problems, RowVisitor visitor) {
        List<String> header = new ArrayList<>();
        if (jsonl) readJsonLines(upload.path(), header, problems, visitor);
        else readCsv(upload.path(), header, problems, visitor);
        return header;
    }

    private void readCsv(Path path, List<String> header, List<Problem> problems, RowVisitor visitor) {
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
                visitor.row(line, columns);
            }, (line, message) -> add(problems, new Problem(line, null, message)));
        } catch (IllegalArgumentException e) {
            throw new DomainException.BadInput("The CSV header is not usable: " + safeMessage(e) + " Each column needs a distinct, non-empty name.");
        } catch (UncheckedIOException | IOException e) {
            throw new DomainException.BadInput("The file is not readable as UTF-8 CSV (" + safeMessage(e) + ").");
        }
    }

    private void readJsonLines(Path path, List<String> header, List<Problem> problems, RowVisitor visitor) {
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
                visitor.row(line, columns);
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DomainException.BadInput("The file is not readable as UTF-8 JSON lines (" + safeMessage(e) + ").");
        }
        // A line may omit fields: its row keeps the fields it has. Filling in every column here would
        // cost rows × columns (one wide line, then 40,000 short ones: 20 s in a 2 GiB heap).
        header.addAll(columnNames);
    }

    /** The write of an import, given its connection and the keys the project already has (a set it may empty). */
    private interface Writing {
        int run(Connection c, Set<String> existingKeys) throws SQLException;
    }

    /**
     * Runs an import's checks against the stored keys and its writes in one database transaction of
     * its own; a key stored meanwhile by another import (the unique key refuses it) is a 409.
     */
    private int write(Project project, Upload upload, Writing writing) {
        try {
            return database.inOwnTransaction(c -> {
                Set<String> existing = new HashSet<>();
                try (PreparedStatement s = Database.forwardOnly(c, "select ex_key from example where project_id = ?", 5000)) {
                    s.setLong(1, project.id);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) existing.add(rs.getString(1));
                    }
                }
                return writing.run(c, existing);
            });
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                throw new DomainException.Conflict("Another import stored some of these keys while this one ran; nothing of this file was"
                        + " imported. Upload it again to see which keys are taken.");
            }
            throw new IllegalStateException("The import could not be stored", e);
        }
    }

    /** The project as stored now (the caller's copy may be older or detached). */
    private Project current(Project project) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = em.find(Project.class, project.id);
            if (p == null) throw new DomainException.NotFound("The project no longer exists.");
            return p;
        });
    }

    /** Records the columns (first import) and the hidden columns, last, so the project row is locked only for the commit. */
    private void updateProject(Connection c, Project project, List<String> header, String keyColumn, String textColumn, List<String> hidden)
            throws SQLException {
        if (project.columnsJson == null) {
            try (PreparedStatement s = c.prepareStatement("update project set columns_json = ?, key_column = ?, text_column = ? where id = ?")) {
                s.setString(1, write(header));
                s.setString(2, keyColumn);
                s.setString(3, textColumn);
                s.setLong(4, project.id);
                s.executeUpdate();
            }
        }
        if (!hidden.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("update project set hidden_columns_json = ? where id = ?")) {
                s.setString(1, write(hidden));
                s.setLong(2, project.id);
                s.executeUpdate();
            }
        }
    }


    // ---- media ----------------------------------------------------------------------------------

    /** Imports media files (and zips of them, with an optional metadata.csv), all or nothing, in one database transaction of its own. */
    public int importMedia(Project given, List<Upload> uploads) {
        Project project = current(given);
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
            Instant now = Instant.now();
            return write(project, uploads.get(0), (c, existing) -> {
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
                QueueOrder order = new QueueOrder(project.id, files.size(), i -> files.get(i).key());
                long[] ids = order.ids(database.ids("example_seq"), c);
                int first = nextPosition(c, project.id);
                try (ExampleRows rows = new ExampleRows(c, project.id, uploads.get(0).importJobId(), now)) {
                    for (int i : order.indexes()) {
                        MediaFile f = files.get(i);
                        Map<String, String> meta = metadata.get(f.key());
                        rows.add(ids[i], f.key(), first + i, null, f.sha256(), f.type(), f.key(), f.size(),
                                meta == null ? null : write(meta), f.sha256(), order.shuffle(i));
                    }
                }
                return files.size();
            });
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
     * The order in which an import's examples take their ids: the queue's (its stable shuffle), not
     * the file's, which the examples keep as their position. Ids then follow the order in which the
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

        /** The positions in the file (0-based), in the queue's order: the order examples are written in. */
        int[] indexes() {
            return indexes;
        }

        /** An id for each example (by its place in the file), ascending in the queue's order. */
        long[] ids(IdBlocks blocks, Connection c) throws SQLException {
            long[] ids = new long[keys.length];
            for (int i : indexes) ids[i] = blocks.next(c);
            return ids;
        }

        int shuffle(int i) {
            return shuffles[i];
        }
    }

    private static int nextPosition(Connection c, long projectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select max(position) from example where project_id = ?")) {
            s.setLong(1, projectId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int max = rs.getInt(1);
                return rs.wasNull() ? 1 : max + 1;
            }
        }
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
