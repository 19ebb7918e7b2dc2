package dev.concord.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import dev.concord.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Import jobs behind the import page: the upload waits under the data directory while the person
 * previews it, then runs in the background with its progress kept in the database (so any
 * instance can report it). The import itself stays all or nothing.
 */
@ApplicationScoped
public class ImportJobs {
    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    static final int PREVIEW_ROWS = 8;

    private final ExampleImporter examples;
    private final AnnotationImport annotations;
    private final ManagedExecutor executor;
    private final ObjectMapper json;
    private final Path incoming;
    private final ImportRecovery recovery;

    public ImportJobs(ExampleImporter examples, AnnotationImport annotations, ManagedExecutor executor, ObjectMapper json,
                      ImportRecovery recovery, ConcordConfig config) {
        this.examples = examples;
        this.annotations = annotations;
        this.executor = executor;
        this.json = json;
        this.recovery = recovery;
        this.incoming = uploadsDir(config.dataDir());
    }

    /** Where uploads wait for their job, under the data directory. */
    static Path uploadsDir(Path dataDir) {
        return dataDir.resolve("imports");
    }

    /** Keeps the upload (moved from the request's temporary file) and opens a job for its preview. */
    @Transactional
    public ImportJob start(Project project, ImportJob.Kind kind, String fileName, Path uploaded, long userId) {
        if (kind == ImportJob.Kind.ANNOTATIONS && project.modality == null) throw new DomainException.BadInput("Unknown project.");
        try {
            Files.createDirectories(incoming);
            Path stored = incoming.resolve(UUID.randomUUID() + ".upload");
            Files.move(uploaded, stored, StandardCopyOption.REPLACE_EXISTING);
            ImportJob job = new ImportJob();
            job.projectId = project.id;
            job.kind = kind;
            job.status = ImportJob.Status.PREVIEW;
            job.fileName = fileName == null || fileName.isBlank() ? "upload" : ExampleImporter.baseName(fileName);
            job.storedPath = stored.toString();
            job.createdBy = userId;
            job.createdAt = Instant.now();
            job.updatedAt = job.createdAt;
            job.persist();
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportJob find(Project project, long id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null || !job.projectId.equals(project.id)) {
            throw new DomainException.NotFound("No import " + id + " in this project.");
        }
        return job;
    }

    /**
     * The project's latest imports. A preview nobody started within an hour ({@link
     * ImportRecovery#ORPHAN_AGE}) is taken as abandoned and no longer listed (its address still opens it).
     */
    public List<ImportJob> recent(Project project) {
        return ImportJob.find("projectId = ?1 and (status <> ?2 or createdAt > ?3) order by createdAt desc", project.id,
                ImportJob.Status.PREVIEW, Instant.now().minus(ImportRecovery.ORPHAN_AGE)).page(0, 10).list();
    }

    /** The first rows and the columns of a table, or the first file names of an archive. */
    public record Preview(List<String> columns, List<List<String>> rows, List<String> files, int fileCount, String error,
                          String keyDefault, String textDefault, List<String> hidden, long rowCount) {
        Preview(List<String> columns, List<List<String>> rows, List<String> files, int fileCount, String error) {
            this(columns, rows, files, fileCount, error, null, null, List.of(), rows.size());
        }

        Preview counted(long count) {
            return new Preview(columns, rows, files, fileCount, error, keyDefault, textDefault, hidden, count);
        }

        /**
         * The columns the form offers first: the project's own, else 'id' (or the line number) as the
         * key and 'text' (or the first column that is not the key) as the text.
         */
        Preview withDefaults(Project project, List<String> hiddenNow) {
            String key = offers(project.keyColumn) ? project.keyColumn : columns.contains("id") ? "id" : ExampleImporter.KEY_BY_LINE;
            String text = offers(project.textColumn) ? project.textColumn : columns.contains("text") ? "text"
                    : columns.stream().filter(c -> !c.equals(key)).findFirst().orElse(null);
            return new Preview(columns, rows, files, fileCount, error, key, text,
                    hiddenNow.stream().filter(columns::contains).toList(), rowCount);
        }

        private boolean offers(String column) {
            return column != null && columns.contains(column);
        }
    }

    public Preview preview(Project project, ImportJob job) {
        Path file = Path.of(job.storedPath);
        try {
            if (job.kind == ImportJob.Kind.EXAMPLES && project.isMedia()) return previewMedia(job, file);
            if (job.kind == ImportJob.Kind.EXAMPLES && TableFile.isJsonLines(job.fileName, file)) return previewJsonLines(file).withDefaults(project, ExampleContent.hiddenColumns(project, json));
            return previewCsv(file).withDefaults(project, ExampleContent.hiddenColumns(project, json));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return new Preview(List.of(), List.of(), List.of(), 0, "The file cannot be read as " + (project.isMedia() ? "media or a zip" : "CSV or JSON lines") + "; importing it will list what is wrong.");
        }
    }

    private Preview previewCsv(Path file) throws IOException {
        try (Reader reader = TableFile.open(file);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (parser.getHeaderNames().size() > ExampleImporter.MAX_COLUMNS) return tooManyColumns();
            List<List<String>> rows = new ArrayList<>();
            Iterator<CSVRecord> it = parser.iterator();
            long count = 0;
            try {
                while (it.hasNext()) {
                    CSVRecord record = it.next();
                    if (rows.size() < PREVIEW_ROWS) rows.add(record.toList());
                    count++;
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                return new Preview(parser.getHeaderNames(), rows, List.of(), 0,
                        "The file is malformed after row " + count + "; importing it will list the problem.").counted(count);
            }
            return new Preview(parser.getHeaderNames(), rows, List.of(), 0, null).counted(count);
        }
    }

    /** The preview of a file with more columns than an import takes: the sentence the import would fail with. */
    private static Preview tooManyColumns() {
        return new Preview(List.of(), List.of(), List.of(), 0, ExampleImporter.TOO_MANY_COLUMNS);
    }

    private Preview previewJsonLines(Path file) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        List<java.util.Map<String, String>> objects = new ArrayList<>();
        try (BufferedReader reader = TableFile.open(file)) {
            String line;
            while (objects.size() < PREVIEW_ROWS && (line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                json.readTree(line).fields().forEachRemaining(f -> {
                    row.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                    columns.add(f.getKey());
                });
                if (columns.size() > ExampleImporter.MAX_COLUMNS) return tooManyColumns();
                objects.add(row);
            }
        }
        List<List<String>> rows = objects.stream().map(o -> columns.stream().map(c -> o.getOrDefault(c, "")).toList()).toList();
        long count = 0;
        try (BufferedReader reader = TableFile.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) if (!line.isBlank()) count++;
        }
        return new Preview(List.copyOf(columns), rows, List.of(), 0, null).counted(count);
    }

    private Preview previewMedia(ImportJob job, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (!(magic.length == 4 && magic[0] == 'P' && magic[1] == 'K')) {
                return new Preview(List.of(), List.of(), List.of(job.fileName), 1, null);
            }
        }
        List<String> names = new ArrayList<>();
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null && count < 1_000_000) {
                if (entry.isDirectory()) continue;
                count++;
                if (names.size() < 20) names.add(entry.getName());
            }
        }
        return new Preview(List.of(), List.of(), names, count, null);
    }

    /** Thumbnails the preview shows at most, and the size of a picture it reads for one. */
    static final int THUMBNAILS = 12;
    static final long MAX_THUMBNAIL_BYTES = 20L << 20;

    /** A picture of the upload, for the preview's thumbnails: its bytes and type. */
    public record Picture(byte[] bytes, String type) {}

    /**
     * The {@code n}-th file of a media upload still in preview (the upload itself when it is not a
     * zip), if it is a picture of at most {@value #MAX_THUMBNAIL_BYTES} bytes; checked by its bytes,
     * as the import will. Empty otherwise.
     */
    public java.util.Optional<Picture> picture(Project project, ImportJob job, int n) throws IOException {
        if (project.modality != Project.Modality.IMAGE || job.status != ImportJob.Status.PREVIEW || job.storedPath == null
                || n < 0 || n >= THUMBNAILS) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(job.storedPath);
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (!(magic.length == 4 && magic[0] == 'P' && magic[1] == 'K')) return n == 0 ? read(in, project) : java.util.Optional.empty();
            ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
            int index = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.isDirectory()) continue;
                if (index++ == n) return read(zip, project);
            }
            return java.util.Optional.empty();
        } catch (java.util.zip.ZipException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<Picture> read(InputStream in, Project project) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_THUMBNAIL_BYTES + 1);
        if (bytes.length > MAX_THUMBNAIL_BYTES) return java.util.Optional.empty();
        return MediaTypes.sniff(bytes, Math.min(bytes.length, 16)).filter(type -> MediaTypes.fits(project.modality, type))
                .map(type -> new Picture(bytes, type));
    }

    /** Starts the job in the background; only a job still in preview can start (once). */
    public void run(Project project, ImportJob job, String keyColumn, String textColumn, List<String> hiddenColumns) {
        int started = QuarkusTransaction.requiringNew().call(() -> ImportJob.update(
                "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4",
                ImportJob.Status.RUNNING, Instant.now(), job.id, ImportJob.Status.PREVIEW));
        if (started == 0) throw new DomainException.Conflict("This import has already run; upload the file again to repeat it.");
        long jobId = job.id;
        recovery.started(jobId);
        executor.runAsync(() -> {
            try {
                execute(project, jobId, keyColumn, textColumn, hiddenColumns);
            } finally {
                recovery.finished(jobId);
            }
        });
    }

    @ActivateRequestContext
    void execute(Project project, long jobId, String keyColumn, String textColumn, List<String> hiddenColumns) {
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>findById(jobId));
        Path file = Path.of(job.storedPath);
        ImportProgress progress = new ImportProgress() {
            @Override
            public void total(int total) {
                QuarkusTransaction.requiringNew().run(() -> ImportJob.update("total = ?1, updatedAt = ?2 where id = ?3", total, Instant.now(), jobId));
            }

            @Override
            public void processed(int processed) {
                QuarkusTransaction.requiringNew().run(() -> ImportJob.update("processed = ?1, updatedAt = ?2 where id = ?3", processed, Instant.now(), jobId));
            }
        };
        try {
            int imported;
            if (job.kind == ImportJob.Kind.ANNOTATIONS) {
                try (Reader reader = TableFile.open(file)) {
                    imported = annotations.importCsv(project, reader).total();
                }
                progress.total(imported);
            } else if (project.isMedia()) {
                imported = examples.importMedia(project, List.of(new ExampleImporter.Upload(job.fileName, file, job.id)));
                progress.total(imported);
            } else {
                imported = examples.importRows(project, new ExampleImporter.Upload(job.fileName, file, job.id), keyColumn, textColumn, hiddenColumns, progress);
            }
            int done = imported;
            QuarkusTransaction.requiringNew().run(() -> ImportJob.update(
                    "status = ?1, imported = ?2, processed = ?2, storedPath = null, message = ?3, updatedAt = ?4 where id = ?5",
                    ImportJob.Status.DONE, done, done + (job.kind == ImportJob.Kind.ANNOTATIONS ? " labels" : " examples") + " imported.", Instant.now(), jobId));
        } catch (DomainException e) {
            fail(jobId, e.getMessage(), e.details());
        } catch (Exception e) {
            LOG.error("Import job " + jobId + " failed", e);
            fail(jobId, "The import failed on our side and stored nothing; try again.", List.of());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete " + file, e);
            }
        }
    }

    private void fail(long jobId, String message, List<Object> details) {
        String problems;
        try {
            problems = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            problems = "[]";
        }
        String text = problems;
        QuarkusTransaction.requiringNew().run(() -> ImportJob.update(
                "status = ?1, message = ?2, problems = ?3, storedPath = null, updatedAt = ?4 where id = ?5",
                ImportJob.Status.FAILED, message.length() > 2000 ? message.substring(0, 2000) : message, text, Instant.now(), jobId));
    }

    /** Drops a job still in preview and its file. */
    @Transactional
    public void cancel(ImportJob job) {
        ImportJob managed = ImportJob.findById(job.id);
        if (managed.status != ImportJob.Status.PREVIEW) throw new DomainException.Conflict("Only an import that has not started can be cancelled.");
        try {
            if (managed.storedPath != null) Files.deleteIfExists(Path.of(managed.storedPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        managed.storedPath = null;
        managed.status = ImportJob.Status.FAILED;
        managed.message = "Cancelled before import; nothing was stored.";
        managed.updatedAt = Instant.now();
    }

    /** The problems of a failed job, for the page. */
    public List<ExampleImporter.Problem> problems(ImportJob job) {
        if (job.problems == null) return List.of();
        try {
            return List.of(json.readValue(job.problems, ExampleImporter.Problem[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

}
