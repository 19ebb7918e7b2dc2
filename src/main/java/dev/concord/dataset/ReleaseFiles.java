package dev.concord.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.concord.example.ExampleContent;
import dev.concord.example.MediaStore;
import dev.concord.project.Project;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Writes a version's files into its directory: data.csv, data.jsonl and (media projects)
 * files.zip in one pass over the project's examples in import order, filling the diff on the way;
 * then manifest.json. Each file is streamed with its SHA-256 computed on the way and moved into
 * place once complete.
 */
final class ReleaseFiles {
    private final ObjectMapper json;
    private final MediaStore media;

    ReleaseFiles(ObjectMapper json, MediaStore media) {
        this.json = json;
        this.media = media;
    }

    /**
     * The data files of this version's released examples ({@code current} entries with a label),
     * each row with the example's labels in name order; the diff gets every example whose release
     * changed since {@code previous}.
     */
    Map<String, Manifest.FileInfo> write(Connection c, Project project, DatasetSpec spec, Path dir, ReleaseScan scan, List<String> categories,
                                         Snapshot previous, Snapshot current, Diffs diff) throws SQLException, IOException {
        ItemLabels items = scan.items;
        Output csvFile = new Output(dir.resolve("data.csv"));
        Output jsonlFile = new Output(dir.resolve("data.jsonl"));
        Output zipFile = project.isMedia() ? new Output(dir.resolve("files.zip")) : null;
        List<FileWriters.Row> rows = new ArrayList<>();
        rows.add(FileWriters.csv(project, spec, json, csvFile.out));
        rows.add(FileWriters.jsonl(spec, json, jsonlFile.out));
        if (zipFile != null) rows.add(FileWriters.zip(spec, media, zipFile.out));
        try (csvFile; jsonlFile; Output z = zipFile; FileWriters.Parallel writers = new FileWriters.Parallel(rows)) {
            ObjectReader payloadReader = json.readerFor(new TypeReference<LinkedHashMap<String, String>>() {});
            List<String> columns = ExampleContent.columns(project, json);
            StringBuilder summary = new StringBuilder();
            List<String> byName = new ArrayList<>(categories);
            Collections.sort(byName);
            int[] rankByName = new int[categories.size()];
            for (int k = 0; k < categories.size(); k++) rankByName[k] = byName.indexOf(categories.get(k));
            int[] scratch = new int[8];
            int[] labels = items.labels();
            int[] offsets = items.offsets();
            // "position >= min" lets H2 pick ix_example_position (read in order) over the project_id index (then a sort).
            try (PreparedStatement q = ReleaseScan.forwardOnly(c, "select id, ex_key, payload, media_sha256 from example"
                    + " where project_id = ? and position >= ? order by project_id, position")) {
                q.setLong(1, project.id);
                q.setInt(2, Integer.MIN_VALUE);
                long previouslyReleased = 0;
                for (int p = 0; p < previous.size; p++) if (previous.label[p] != null) previouslyReleased++;
                long previouslyReleasedSeen = 0;
                try (ResultSet e = q.executeQuery()) {
                    while (e.next()) {
                        long id = e.getLong(1);
                        int s = current.indexOf(id);
                        boolean now = s >= 0 && current.label[s] != null;
                        if (diff.active()) {
                            int p = previous.indexOf(id);
                            boolean before = p >= 0 && previous.label[p] != null;
                            if (before) previouslyReleasedSeen++;
                            if (now && !before) diff.added(e.getString(2));
                            else if (before && !now) diff.removed(e.getString(2));
                            else if (now && !previous.label[p].equals(current.label[s])) {
                                diff.relabeled(e.getString(2), previous.label[p], current.label[s], current.source[s]);
                            }
                        }
                        if (!now) continue;
                        int i = scan.indexOf(id);
                        // The example's labels in name order (who gave which is not in the files).
                        int size = items.size(i);
                        if (scratch.length < size) scratch = new int[size];
                        for (int k = 0; k < size; k++) scratch[k] = rankByName[labels[offsets[i] + k]];
                        Arrays.sort(scratch, 0, size);
                        summary.setLength(0);
                        for (int k = 0; k < size; k++) {
                            if (k > 0) summary.append('|');
                            summary.append(byName.get(scratch[k]));
                        }
                        Map<String, String> data = FileWriters.payload(json, payloadReader, e.getString(3));
                        if (data != null) data = ExampleContent.withEveryColumn(data, columns);
                        double a = current.agreement[s];
                        writers.accept(e.getString(2), current.label[s], current.split[s], Double.isNaN(a) ? null : a, summary.toString(), data, e.getString(4));
                    }
                }
                if (diff.active()) diff.deleted(previouslyReleased - previouslyReleasedSeen);
            }
            writers.finish();
        }
        Map<String, Manifest.FileInfo> files = new LinkedHashMap<>();
        files.put("data.csv", csvFile.publish());
        files.put("data.jsonl", jsonlFile.publish());
        if (zipFile != null) files.put("files.zip", zipFile.publish());
        return files;
    }

    /** Writes manifest.json (pretty-printed, as training code and people read it). */
    Manifest.FileInfo writeManifest(Path dir, Manifest manifest) throws IOException {
        Output file = new Output(dir.resolve("manifest.json"));
        try (file) {
            json.writerWithDefaultPrettyPrinter().writeValue(file.out, manifest);
        }
        return file.publish();
    }

    /**
     * A file being written: streamed to a temporary sibling with its SHA-256 computed on the way,
     * moved into place once complete.
     */
    private static final class Output implements AutoCloseable {
        final Path file;
        final Path temp;
        final MessageDigest digest;
        final OutputStream out;
        private boolean closed;

        Output(Path file) throws IOException {
            this.file = file;
            this.temp = file.resolveSibling(file.getFileName() + ".part");
            digest = DigestUtils.getSha256Digest();
            out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest);
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            out.close();
        }

        /** Moves the complete file into place; its checksum and size. */
        Manifest.FileInfo publish() throws IOException {
            close();
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            return new Manifest.FileInfo(Hex.encodeHexString(digest.digest()), Files.size(file));
        }
    }
}
