package dev.concord.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

    /** One released example, as the snapshot holds it. */
    record Released(long exampleId, String key, String label, String source, Double agreement, String labels, String split) {}

    /** A large release can take longer than the default 60 s transaction timeout; it must not fail for that. */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 900)
    public Map<String, Object> release(Project project, DatasetSpec spec) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try {
                return release(c, project, spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Map<String, Object> release(Connection c, Project project, DatasetSpec spec) throws SQLException, IOException {
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
        // Labels of each example's current round, streamed in example order.
        List<long[]> exampleIds = new ArrayList<>();
        List<int[]> labelLists = new ArrayList<>();
        List<int[]> labelerLists = new ArrayList<>();
        Map<Long, Integer> labelerIndex = new HashMap<>();
        Map<String, Long> lineage = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                select e.id, l.label_value, l.labeler_id, u.username from example e
                join label l on l.example_id = e.id and l.label_round = e.label_round
                join app_user u on u.id = l.labeler_id
                where e.project_id = ? order by e.id""", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            q.setFetchSize(5000);
            q.setLong(1, project.id);
            try (ResultSet r = q.executeQuery()) {
                long current = -1;
                int[] labels = new int[8];
                int[] who = new int[8];
                int n = 0;
                while (r.next()) {
                    long id = r.getLong(1);
                    if (id != current) {
                        if (n > 0) add(exampleIds, labelLists, labelerLists, current, labels, who, n);
                        current = id;
                        n = 0;
                    }
                    Integer cat = categoryIndex.get(r.getString(2));
                    if (cat == null) continue;
                    if (n == labels.length) {
                        labels = java.util.Arrays.copyOf(labels, n * 2);
                        who = java.util.Arrays.copyOf(who, n * 2);
                    }
                    labels[n] = cat;
                    who[n++] = labelerIndex.computeIfAbsent(r.getLong(3), k -> labelerIndex.size());
                    lineage.merge(r.getString(4), 1L, Long::sum);
                }
                if (n > 0) add(exampleIds, labelLists, labelerLists, current, labels, who, n);
            }
        }
        // Examples resolved without labels in their current round still have a consensus.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        exampleIds.forEach(e -> seen.add(e[0]));
        for (Long id : resolutions.keySet()) {
            if (!seen.contains(id)) add(exampleIds, labelLists, labelerLists, id, new int[0], new int[0], 0);
        }

        int items = exampleIds.size();
        int[] fixed = new int[items];
        for (int i = 0; i < items; i++) {
            String res = resolutions.get(exampleIds.get(i)[0]);
            fixed[i] = res == null ? -1 : categoryIndex.getOrDefault(res, -1);
        }
        double[][] posterior = null;
        if (spec.consensus().equals("dawid-skene")) {
            int[] offsets = new int[items + 1];
            for (int i = 0; i < items; i++) offsets[i + 1] = offsets[i] + labelLists.get(i).length;
            int[] flatLabels = new int[offsets[items]];
            int[] flatWho = new int[offsets[items]];
            for (int i = 0; i < items; i++) {
                System.arraycopy(labelLists.get(i), 0, flatLabels, offsets[i], labelLists.get(i).length);
                System.arraycopy(labelerLists.get(i), 0, flatWho, offsets[i], labelerLists.get(i).length);
            }
            posterior = Consensus.dawidSkene(offsets, flatWho, flatLabels, items, Math.max(1, labelerIndex.size()), categories.size(), fixed);
        }

        Map<String, Long> leftOut = new TreeMap<>();
        List<Long> releasedIds = new ArrayList<>();
        Map<Long, Released> released = new LinkedHashMap<>();
        int resolvedUsed = 0;
        for (int i = 0; i < items; i++) {
            long id = exampleIds.get(i)[0];
            int[] labels = labelLists.get(i);
            String summary = joinLabels(labels, categories);
            int label;
            String source;
            Double agreement = labels.length == 0 ? null : Consensus.majority(labels, labels.length, categories.size(), 1, 0).agreement();
            if (fixed[i] >= 0) {
                label = fixed[i];
                source = "RESOLUTION";
                resolvedUsed++;
            } else if (posterior != null) {
                if (labels.length < project.overlap) {
                    leftOut.merge("incomplete", 1L, Long::sum);
                    continue;
                }
                label = argmax(posterior[i]);
                source = "DAWID_SKENE";
                agreement = posterior[i][label];
            } else {
                Consensus.Decision d = Consensus.majority(labels, labels.length, categories.size(), project.overlap, project.agreementThreshold);
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
            releasedIds.add(id);
            released.put(id, new Released(id, null, name, source, agreement == null || agreement.isNaN() ? null : agreement, summary, null));
        }
        if (released.isEmpty()) {
            throw new DomainException.BadInput("No example has a consensus yet (" + leftOut + "); label more or resolve reviews before releasing.");
        }

        Map<Long, String> splits = Splits.assign(c, project.id, version, released, spec);

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
        long versionId = dv.id;
        try (PreparedStatement ins = c.prepareStatement(
                "insert into dataset_example (dataset_version_id, example_id, label_value, split, source, agreement) values (?, ?, ?, ?, ?, ?)")) {
            int batch = 0;
            for (Released r : released.values()) {
                ins.setLong(1, versionId);
                ins.setLong(2, r.exampleId());
                ins.setString(3, r.label());
                ins.setString(4, splits.get(r.exampleId()));
                ins.setString(5, r.source());
                if (r.agreement() == null) ins.setNull(6, java.sql.Types.DOUBLE); else ins.setDouble(6, r.agreement());
                ins.addBatch();
                if (++batch % 1000 == 0) ins.executeBatch();
            }
            ins.executeBatch();
        }

        Map<String, Object> diff = Diffs.diff(c, project.id, version, versionId);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Released r : released.values()) {
            counts.computeIfAbsent(spec.splitNames().get(splits.get(r.exampleId())), k -> new TreeMap<>()).merge(r.label(), 1L, Long::sum);
        }
        double meanAgreement = released.values().stream().filter(r -> r.agreement() != null).mapToDouble(Released::agreement).average().orElse(Double.NaN);

        Path dir = root.resolve(String.valueOf(project.id)).resolve(String.valueOf(version));
        Files.createDirectories(dir);
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        files.put("data.csv", write(dir.resolve("data.csv"), out -> FileWriters.csv(c, project, versionId, spec, released, json, out)));
        files.put("data.jsonl", write(dir.resolve("data.jsonl"), out -> FileWriters.jsonl(c, project, versionId, spec, released, json, out)));
        if (project.isMedia()) {
            files.put("files.zip", write(dir.resolve("files.zip"), out -> FileWriters.zip(c, versionId, spec, released, json, media, out)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("project", project.slug);
        manifest.put("version", version);
        manifest.put("created", now.toString());
        manifest.put("createdBy", me.username());
        manifest.put("guideVersion", guideVersion);
        manifest.put("consensus", spec.consensus());
        manifest.put("spec", spec);
        manifest.put("examples", released.size());
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
        manifest.put("diff", diff);
        manifest.put("files", files);
        Map<String, Object> manifestFile = write(dir.resolve("manifest.json"), out -> json.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
        files.put("manifest.json", manifestFile);
        for (Map.Entry<String, Map<String, Object>> f : files.entrySet()) {
            DatasetFile file = new DatasetFile();
            file.datasetVersionId = versionId;
            file.name = f.getKey();
            file.sha256 = (String) f.getValue().get("sha256");
            file.size = (Long) f.getValue().get("size");
            file.contentType = contentType(f.getKey());
            em.persist(file);
        }
        dv.manifest = json.writeValueAsString(manifest);
        em.flush();
        return manifest;
    }

    interface Body {
        void write(OutputStream out) throws IOException, SQLException;
    }

    private static Map<String, Object> write(Path file, Body body) throws IOException, SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest)) {
            body.write(out);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sha256", HexFormat.of().formatHex(digest.digest()));
        info.put("size", Files.size(file));
        return info;
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

    private static void add(List<long[]> ids, List<int[]> labels, List<int[]> who, long id, int[] l, int[] w, int n) {
        ids.add(new long[] {id});
        labels.add(java.util.Arrays.copyOf(l, n));
        who.add(java.util.Arrays.copyOf(w, n));
    }

    private static String joinLabels(int[] labels, List<String> categories) {
        StringBuilder b = new StringBuilder();
        for (int l : labels) {
            if (b.length() > 0) b.append('|');
            b.append(categories.get(l));
        }
        return b.toString();
    }

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
