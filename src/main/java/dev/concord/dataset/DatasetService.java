package dev.concord.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.example.MediaStore;
import dev.concord.project.Project;
import dev.concord.user.CurrentUser;
import dev.concord.user.Tokens;
import dev.concord.web.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Releases immutable dataset versions. In one transaction, under the project's row lock (so
 * concurrent releases get distinct numbers and one consistent snapshot of the labels): consensus
 * per example, stable stratified splits, the snapshot rows, then the files, written once, streamed
 * to the data directory with their SHA-256 computed on the way. Serving reads those bytes back.
 */
@ApplicationScoped
public class DatasetService {
    static final List<String> FILES = List.of("data.csv", "data.jsonl", "files.zip", "manifest.json");

    private final EntityManager em;
    private final ObjectMapper json;
    private final MediaStore media;
    private final CurrentUser me;
    private final Path root;

    public DatasetService(EntityManager em, ObjectMapper json, MediaStore media, CurrentUser me,
                          @ConfigProperty(name = "concord.data-dir") String dataDir) {
        this.em = em;
        this.json = json;
        this.media = media;
        this.me = me;
        this.root = Path.of(dataDir).toAbsolutePath().normalize().resolve("datasets");
    }

    /** A large release can take longer than the default 60 s transaction timeout; it must not fail for that. */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 900)
    public Map<String, Object> release(Project project, DatasetSpec spec) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
            // H2 otherwise materializes each result in full before the first row: stream instead.
            if (h2) setLazy(c, true);
            try {
                return release(c, project, spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (h2) setLazy(c, false);
            }
        });
    }

    /** The labels of each example's current round, in example id order, and what they decide. */
    private static final class Items {
        int n;
        long[] ids = new long[1024];
        /** labels of item i: flatLabels[offsets[i] .. offsets[i + 1]) (category indices) and who gave them */
        int[] offsets = new int[1025];
        int[] flatLabels = new int[4096];
        int[] flatWho = new int[4096];
        int labelCount;

        void label(int category, int labeler) {
            if (labelCount == flatLabels.length) {
                flatLabels = Arrays.copyOf(flatLabels, labelCount * 2);
                flatWho = Arrays.copyOf(flatWho, labelCount * 2);
            }
            flatLabels[labelCount] = category;
            flatWho[labelCount++] = labeler;
        }

        /** Closes the item of example {@code id} with the labels added since the last one. */
        void item(long id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2 + 1);
            }
            ids[n++] = id;
            offsets[n] = labelCount;
        }

        /** Drops the labels added since the last item (an example that is not an item). */
        void discard() {
            labelCount = offsets[n];
        }

        int size(int i) {
            return offsets[i + 1] - offsets[i];
        }

        int index(long id) {
            return Arrays.binarySearch(ids, 0, n, id);
        }
    }

    private Map<String, Object> release(Connection c, Project project, DatasetSpec spec) throws SQLException, IOException {
        Phases phases = new Phases();
        try (PreparedStatement lock = c.prepareStatement("select id from project where id = ? for update")) {
            lock.setLong(1, project.id);
            lock.executeQuery().close();
        }
        int version = 1 + intValue(c, "select coalesce(max(version), 0) from dataset_version where project_id = ?", project.id);
        int guideVersion = intValue(c, "select coalesce(max(version), 0) from guide_version where project_id = ?", project.id);
        List<String> categories = new ArrayList<>(project.labelNames());
        categories.add(Project.UNCERTAIN);
        Map<String, Integer> categoryIndex = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) categoryIndex.put(categories.get(i), i);

        // Resolutions: the latest resolved review of each example.
        Map<Long, String> resolutions = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select example_id, resolution from review where project_id = ? and status = 'RESOLVED' order by example_id, label_round")) {
            q.setLong(1, project.id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) resolutions.put(r.getLong(1), r.getString(2));
            }
        }
        phases.end("resolutions");

        // Labels of each example's current round. As in the agreement scan (LabelScan), nothing is
        // joined in the database: two forward-only cursors in example id order, each read from an
        // index alone (ix_example_round, ix_label_agreement), merged here.
        Items items = new Items();
        LongArray allIds = new LongArray();
        Map<Long, Integer> labelerIndex = new HashMap<>();
        long[] labelsByLabeler = new long[16];
        try (PreparedStatement rounds = forwardOnly(c, "select id, label_round from example where project_id = ? order by project_id, id");
             PreparedStatement labels = forwardOnly(c, "select example_id, label_round, labeler_id, label_value from label"
                     + " where project_id = ? order by project_id, example_id")) {
            rounds.setLong(1, project.id);
            labels.setLong(1, project.id);
            try (ResultSet e = rounds.executeQuery(); ResultSet l = labels.executeQuery()) {
                long labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE;
                while (e.next()) {
                    long id = e.getLong(1);
                    int round = e.getInt(2);
                    allIds.add(id);
                    while (labelExample < id) labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE;
                    for (; labelExample == id; labelExample = l.next() ? l.getLong(1) : Long.MAX_VALUE) {
                        if (l.getInt(2) != round) continue;
                        Integer cat = categoryIndex.get(l.getString(4));
                        if (cat == null) continue;
                        int who = labelerIndex.computeIfAbsent(l.getLong(3), k -> labelerIndex.size());
                        if (who == labelsByLabeler.length) labelsByLabeler = Arrays.copyOf(labelsByLabeler, who * 2);
                        labelsByLabeler[who]++;
                        items.label(cat, who);
                    }
                    // Examples resolved without labels in their current round still have a consensus.
                    if (items.labelCount > items.offsets[items.n] || resolutions.containsKey(id)) items.item(id);
                    else items.discard();
                }
            }
        }
        Map<String, Long> lineage = new TreeMap<>();
        for (Map.Entry<Long, String> u : usernames(c, labelerIndex.keySet()).entrySet()) {
            long count = labelsByLabeler[labelerIndex.get(u.getKey())];
            if (count > 0) lineage.merge(u.getValue(), count, Long::sum);
        }
        phases.end("scan");

        int n = items.n;
        int[] fixed = new int[n];
        for (int i = 0; i < n; i++) {
            String res = resolutions.get(items.ids[i]);
            fixed[i] = res == null ? -1 : categoryIndex.getOrDefault(res, -1);
        }
        double[][] posterior = null;
        if (spec.consensus().equals("dawid-skene")) {
            posterior = Consensus.dawidSkene(Arrays.copyOf(items.offsets, n + 1), items.flatWho, items.flatLabels, n,
                    Math.max(1, labelerIndex.size()), categories.size(), fixed);
        }

        // Consensus per item; the released ones, in id order.
        Map<String, Long> leftOut = new TreeMap<>();
        int[] releasedItem = new int[n];
        long[] releasedIds = new long[n];
        String[] releasedLabel = new String[n];
        String[] releasedSource = new String[n];
        double[] releasedAgreement = new double[n];
        int released = 0;
        int resolvedUsed = 0;
        int[] scratch = new int[8];
        for (int i = 0; i < n; i++) {
            int size = items.size(i);
            if (scratch.length < size) scratch = new int[size];
            System.arraycopy(items.flatLabels, items.offsets[i], scratch, 0, size);
            int label;
            String source;
            double agreement = size == 0 ? Double.NaN : Consensus.majority(scratch, size, categories.size(), 1, 0).agreement();
            if (fixed[i] >= 0) {
                label = fixed[i];
                source = "RESOLUTION";
                resolvedUsed++;
            } else if (posterior != null) {
                if (size < project.overlap) {
                    leftOut.merge("incomplete", 1L, Long::sum);
                    continue;
                }
                label = argmax(posterior[i]);
                source = "DAWID_SKENE";
                agreement = posterior[i][label];
            } else {
                Consensus.Decision d = Consensus.majority(scratch, size, categories.size(), project.overlap, project.agreementThreshold);
                if (d.leftOut() != null) {
                    leftOut.merge(d.leftOut(), 1L, Long::sum);
                    continue;
                }
                label = d.label();
                source = "MAJORITY";
            }
            String name = categories.get(label);
            if (name.equals(Project.UNCERTAIN) && !spec.includeUncertain()) {
                leftOut.merge("uncertain", 1L, Long::sum);
                continue;
            }
            releasedItem[released] = i;
            releasedIds[released] = items.ids[i];
            releasedLabel[released] = name;
            releasedSource[released] = source;
            releasedAgreement[released] = agreement;
            released++;
        }
        if (released == 0) {
            throw new DomainException.BadInput("No example has a consensus yet (" + leftOut + "); label more or resolve reviews before releasing.");
        }
        phases.end("consensus");

        // Stable splits from the previous version's snapshot; this version's snapshot.
        Snapshot previous = Snapshot.load(c, project.id, version - 1);
        String[] splits = new String[released];
        int[] firstVersion = new int[released];
        Splits.assign(releasedIds, releasedLabel, released, previous, version, spec, splits, firstVersion);
        Snapshot.Builder snapshot = new Snapshot.Builder(released + previous.size / 8);
        for (int r = 0, p = 0; r < released || p < previous.size; ) {
            if (p < previous.size && (r == released || previous.ids[p] < releasedIds[r])) {
                // released before, not now: keeps its split for later versions while it is in the project
                if (allIds.contains(previous.ids[p])) snapshot.add(previous.ids[p], previous.split[p], previous.firstVersion[p], null, null, Double.NaN);
                p++;
            } else {
                if (p < previous.size && previous.ids[p] == releasedIds[r]) p++;
                snapshot.add(releasedIds[r], splits[r], firstVersion[r], releasedLabel[r], releasedSource[r], releasedAgreement[r]);
                r++;
            }
        }
        Snapshot current = snapshot.build();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (int r = 0; r < released; r++) {
            counts.computeIfAbsent(spec.splitNames().get(splits[r]), k -> new TreeMap<>()).merge(releasedLabel[r], 1L, Long::sum);
        }
        double meanAgreement = Arrays.stream(releasedAgreement, 0, released).filter(a -> !Double.isNaN(a)).average().orElse(Double.NaN);
        phases.end("splits");

        // The files and the diff: one pass over the project's examples in import order.
        Path dir = root.resolve(String.valueOf(project.id)).resolve(String.valueOf(version));
        Files.createDirectories(dir);
        Diffs diff = new Diffs(version > 1 && hasVersion(c, project.id, version - 1) ? version - 1 : null);
        Output csvFile = new Output(dir.resolve("data.csv"));
        Output jsonlFile = new Output(dir.resolve("data.jsonl"));
        Output zipFile = project.isMedia() ? new Output(dir.resolve("files.zip")) : null;
        List<FileWriters.Row> rows = new ArrayList<>();
        rows.add(FileWriters.csv(project, spec, json, csvFile.out));
        rows.add(FileWriters.jsonl(spec, json, jsonlFile.out));
        if (zipFile != null) rows.add(FileWriters.zip(spec, media, zipFile.out));
        try (csvFile; jsonlFile; Output z = zipFile; FileWriters.Parallel writers = new FileWriters.Parallel(rows)) {
            com.fasterxml.jackson.databind.ObjectReader payloadReader = json.readerFor(new TypeReference<LinkedHashMap<String, String>>() {});
            StringBuilder summary = new StringBuilder();
            List<String> byName = new ArrayList<>(categories);
            java.util.Collections.sort(byName);
            int[] rankByName = new int[categories.size()];
            for (int k = 0; k < categories.size(); k++) rankByName[k] = byName.indexOf(categories.get(k));
            // "position >= min" lets H2 pick ix_example_position (read in order) over the project_id index (then a sort).
            try (PreparedStatement q = forwardOnly(c, "select id, ex_key, payload, media_sha256 from example"
                    + " where project_id = ? and position >= ? order by project_id, position")) {
                q.setLong(1, project.id);
                q.setInt(2, Integer.MIN_VALUE);
                try (ResultSet e = q.executeQuery()) {
                    while (e.next()) {
                        long id = e.getLong(1);
                        int s = current.indexOf(id);
                        boolean now = s >= 0 && current.label[s] != null;
                        if (diff.active()) {
                            int p = previous.indexOf(id);
                            boolean before = p >= 0 && previous.label[p] != null;
                            if (now && !before) diff.added(e.getString(2));
                            else if (before && !now) diff.removed(e.getString(2));
                            else if (now && !previous.label[p].equals(current.label[s])) {
                                diff.relabeled(e.getString(2), previous.label[p], current.label[s], current.source[s]);
                            }
                        }
                        if (!now) continue;
                        int i = items.index(id);
                        // The example's labels in name order (as before: who gave which is not in the files).
                        int size = items.size(i);
                        if (scratch.length < size) scratch = new int[size];
                        for (int k = 0; k < size; k++) scratch[k] = rankByName[items.flatLabels[items.offsets[i] + k]];
                        Arrays.sort(scratch, 0, size);
                        summary.setLength(0);
                        for (int k = 0; k < size; k++) {
                            if (k > 0) summary.append('|');
                            summary.append(byName.get(scratch[k]));
                        }
                        String payload = e.getString(3);
                        Map<String, String> data = FileWriters.payload(json, payloadReader, payload);
                        double a = current.agreement[s];
                        writers.accept(e.getString(2), current.label[s], current.split[s], Double.isNaN(a) ? null : a, summary.toString(), data, e.getString(4));
                    }
                }
            }
            writers.finish();
        }
        phases.end("files");

        Instant now = Instant.now();
        DatasetVersion dv = new DatasetVersion();
        dv.projectId = project.id;
        dv.version = version;
        dv.guideVersion = guideVersion;
        dv.spec = json.writeValueAsString(spec);
        dv.createdBy = me.id();
        dv.createdAt = now;
        em.persist(dv);
        em.flush();
        current.store(c, dv.id);
        phases.end("snapshot");

        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        files.put("data.csv", csvFile.publish());
        files.put("data.jsonl", jsonlFile.publish());
        if (zipFile != null) files.put("files.zip", zipFile.publish());
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("project", project.slug);
        manifest.put("version", version);
        manifest.put("created", now.toString());
        manifest.put("createdBy", me.username());
        manifest.put("guideVersion", guideVersion);
        manifest.put("consensus", spec.consensus());
        manifest.put("spec", spec);
        manifest.put("examples", released);
        manifest.put("countsPerSplit", counts);
        manifest.put("leftOut", leftOut);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("meanMajorityShare", Double.isNaN(meanAgreement) ? null : meanAgreement);
        metrics.put("resolvedBySme", resolvedUsed);
        manifest.put("agreement", metrics);
        Map<String, Object> lineageInfo = new LinkedHashMap<>();
        lineageInfo.put("labelsByLabeler", lineage);
        lineageInfo.put("resolutionsUsed", resolvedUsed);
        manifest.put("lineage", lineageInfo);
        manifest.put("diff", diff.toMap());
        manifest.put("files", files);
        Output manifestFile = new Output(dir.resolve("manifest.json"));
        try (manifestFile) {
            json.writerWithDefaultPrettyPrinter().writeValue(manifestFile.out, manifest);
        }
        files.put("manifest.json", manifestFile.publish());
        for (Map.Entry<String, Map<String, Object>> f : files.entrySet()) {
            DatasetFile file = new DatasetFile();
            file.datasetVersionId = dv.id;
            file.name = f.getKey();
            file.sha256 = (String) f.getValue().get("sha256");
            file.size = (Long) f.getValue().get("size");
            file.contentType = contentType(f.getKey());
            em.persist(file);
        }
        dv.manifest = json.writeValueAsString(manifest);
        em.flush();
        phases.end("manifest");
        phases.log(project.slug, version, released);
        return manifest;
    }

    /** Wall and CPU time of each phase of a release, logged at DEBUG (category dev.concord.dataset). */
    private static final class Phases {
        private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DatasetService.class);
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final StringBuilder text = new StringBuilder();
        private final long start = System.nanoTime();
        private long wall = start;
        private long cpu = cpu();

        private long cpu() {
            return LOG.isDebugEnabled() && threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        }

        void end(String phase) {
            if (!LOG.isDebugEnabled()) return;
            long w = System.nanoTime();
            long c = cpu();
            text.append(' ').append(phase).append(' ').append((w - wall) / 1_000_000).append('/').append((c - cpu) / 1_000_000);
            wall = w;
            cpu = c;
        }

        void log(String project, int version, int examples) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("released %s v%d, %d examples in %d ms; phases, ms wall/cpu:%s", project, version, examples,
                        (System.nanoTime() - start) / 1_000_000, text);
            }
        }
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
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest);
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            out.close();
        }

        /** Moves the complete file into place; its name and checksum. */
        Map<String, Object> publish() throws IOException {
            close();
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("sha256", HexFormat.of().formatHex(digest.digest()));
            info.put("size", Files.size(file));
            return info;
        }
    }

    /** A growing list of ids in increasing order. */
    private static final class LongArray {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        boolean contains(long v) {
            return Arrays.binarySearch(values, 0, size, v) >= 0;
        }
    }

    private static Map<Long, String> usernames(Connection c, java.util.Collection<Long> ids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        List<Long> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += 500) {
            List<Long> part = list.subList(from, Math.min(list.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = c.prepareStatement("select id, username from app_user where id in (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) q.setLong(i + 1, part.get(i));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) names.put(r.getLong(1), r.getString(2));
                }
            }
        }
        return names;
    }

    private static boolean hasVersion(Connection c, long projectId, int version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from dataset_version where project_id = ? and version = ?")) {
            q.setLong(1, projectId);
            q.setInt(2, version);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    private static PreparedStatement forwardOnly(Connection c, String sql) throws SQLException {
        PreparedStatement q = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        q.setFetchSize(10_000);
        return q;
    }

    private static void setLazy(Connection c, boolean lazy) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
        }
    }

    static String contentType(String name) {
        return switch (name) {
            case "data.csv" -> "text/csv; charset=UTF-8";
            case "data.jsonl" -> "application/x-ndjson";
            case "files.zip" -> "application/zip";
            default -> "application/json";
        };
    }

    /** A released file: where it is and what it should hash to. */
    public record StoredFile(Path path, String sha256, long size, String contentType, int version) {}

    public StoredFile file(Project project, String which, String name) {
        if (!FILES.contains(name)) throw new DomainException.NotFound("A version has data.csv, data.jsonl, manifest.json and (media projects) files.zip.");
        Integer version;
        if ("latest".equals(which)) {
            version = em.createQuery("select max(v.version) from DatasetVersion v where v.projectId = ?1", Integer.class)
                    .setParameter(1, project.id).getSingleResult();
            if (version == null) throw new DomainException.NotFound("No dataset version has been released yet.");
        } else {
            try {
                version = Integer.valueOf(which);
            } catch (NumberFormatException e) {
                throw new DomainException.NotFound("A version is a number or 'latest'.");
            }
        }
        List<Object[]> rows = em.createNativeQuery("""
                select f.sha256, f.size, f.content_type from dataset_file f join dataset_version v on v.id = f.dataset_version_id
                where v.project_id = ?1 and v.version = ?2 and f.name = ?3""").setParameter(1, project.id).setParameter(2, version)
                .setParameter(3, name).getResultList();
        if (rows.isEmpty()) throw new DomainException.NotFound("Version " + version + " has no " + name + ".");
        Object[] r = rows.get(0);
        return new StoredFile(root.resolve(String.valueOf(project.id)).resolve(String.valueOf(version)).resolve(name),
                (String) r[0], ((Number) r[1]).longValue(), (String) r[2], version);
    }

    public List<Map<String, Object>> versions(Project project) {
        List<String> manifests = em.createNativeQuery("select manifest from dataset_version where project_id = ?1 order by version desc")
                .setParameter(1, project.id).getResultList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String m : manifests) {
            try {
                out.add(json.readValue(m, new TypeReference<LinkedHashMap<String, Object>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    // ---- helpers ----

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    static int intValue(Connection c, String sql, long param) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, param);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
