package dev.concord.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.base.ConcordConfig;
import dev.concord.base.Database;
import dev.concord.base.DomainException;
import dev.concord.example.MediaStore;
import dev.concord.project.Project;
import dev.concord.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Releases immutable dataset versions. In one transaction, under the project's row lock (so
 * concurrent releases get distinct numbers and one consistent snapshot of the labels): the labels
 * ({@link ReleaseScan}), the consensus per example ({@link Consensus}, chosen once by the request's
 * name; {@link Released}), stable stratified splits ({@link Splits}) and this version's {@link
 * Snapshot}, then the files ({@link ReleaseFiles}), written once, streamed to the data directory
 * with their SHA-256 computed on the way, and the {@link Manifest}. Serving reads those bytes back.
 */
@ApplicationScoped
public class DatasetService {
    static final List<String> FILES = List.of("data.csv", "data.jsonl", "files.zip", "manifest.json");

    private final EntityManager em;
    private final Database database;
    private final ObjectMapper json;
    private final ReleaseFiles writers;
    private final CurrentUser me;
    private final Path root;

    public DatasetService(EntityManager em, Database database, ObjectMapper json, MediaStore media, CurrentUser me,
                          ConcordConfig config) {
        this.em = em;
        this.database = database;
        this.json = json;
        this.writers = new ReleaseFiles(json, media);
        this.me = me;
        this.root = config.dataDir().resolve("datasets");
    }

    /** A large release can take longer than the default 60 s transaction timeout; it must not fail for that. */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 900)
    public Manifest release(Project project, DatasetSpec spec) {
        return em.unwrap(Session.class).doReturningWork(c -> database.streamingOn(c, connection -> {
            try {
                return release(connection, project, spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private Manifest release(Connection c, Project project, DatasetSpec spec) throws SQLException, IOException {
        Phases phases = new Phases();
        try (PreparedStatement lock = c.prepareStatement("select id from project where id = ? for update")) {
            lock.setLong(1, project.id);
            lock.executeQuery().close();
        }
        int version = 1 + intValue(c, "select coalesce(max(version), 0) from dataset_version where project_id = ?", project.id);
        int guideVersion = intValue(c, "select coalesce(max(version), 0) from guide_version where project_id = ?", project.id);
        List<String> categories = new ArrayList<>(project.labelNames());
        categories.add(Project.UNCERTAIN);

        Map<Long, String> resolutions = ReleaseScan.resolutions(c, project.id);
        phases.end("resolutions");
        ReleaseScan scan = ReleaseScan.read(c, project.id, categories, resolutions);
        phases.end("scan");

        Consensus consensus = Consensus.named(spec.consensus(), project.overlap, project.agreementThreshold);
        Released released = Released.decide(scan.items, scan.ids, scan.resolved, consensus, categories, spec.includeUncertain());
        if (released.size == 0) {
            String why = released.leftOut.isEmpty() ? "no example has been labeled yet"
                    : released.leftOut.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
            throw new DomainException.BadInput("No example has a consensus yet (" + why + "); label more or resolve reviews before releasing.");
        }
        phases.end("consensus");

        // Stable splits from the previous version's snapshot; this version's snapshot.
        Snapshot previous = Snapshot.load(c, project.id, version - 1);
        String[] splits = new String[released.size];
        int[] firstVersion = new int[released.size];
        Splits.assign(released.ids, released.label, released.size, previous, version, spec, splits, firstVersion);
        Snapshot current = Snapshot.next(previous, released, splits, firstVersion, scan::inProject);
        phases.end("splits");

        Path dir = root.resolve(String.valueOf(project.id)).resolve(String.valueOf(version));
        Files.createDirectories(dir);
        Diffs diff = new Diffs(version > 1 && hasVersion(c, project.id, version - 1) ? version - 1 : null);
        Map<String, Manifest.FileInfo> files = writers.write(c, project, spec, dir, scan, categories, previous, current, diff);
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

        Manifest manifest = new Manifest(project.slug, version, now, me.username(), guideVersion, consensus.name(), spec, released.size,
                released.countsPerSplit(splits, spec.splitNames()), released.leftOut,
                new Manifest.Agreement(released.meanAgreement(), released.resolved),
                new Manifest.Lineage(scan.labelsByLabeler, released.resolved), diff.toManifest(), files);
        // manifest.json cannot hold its own checksum; the version's stored manifest lists it too
        manifest = manifest.withFile("manifest.json", writers.writeManifest(dir, manifest));
        for (Map.Entry<String, Manifest.FileInfo> f : manifest.files().entrySet()) {
            DatasetFile file = new DatasetFile();
            file.datasetVersionId = dv.id;
            file.name = f.getKey();
            file.sha256 = f.getValue().sha256();
            file.size = f.getValue().size();
            file.contentType = contentType(f.getKey());
            em.persist(file);
        }
        dv.manifest = json.writeValueAsString(manifest);
        em.flush();
        phases.end("manifest");
        phases.log(project.slug, version, released.size);
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

    private static boolean hasVersion(Connection c, long projectId, int version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from dataset_version where project_id = ? and version = ?")) {
            q.setLong(1, projectId);
            q.setInt(2, version);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
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

    /**
     * What version {@code version} released, for reading it back (error analysis): its examples in
     * increasing id order with their split, label and agreement (NaN: none). 404 when the project
     * has no such version.
     */
    public ReleasedVersion released(Project project, int version) {
        Long versionId = (Long) em.createQuery("select v.id from DatasetVersion v where v.projectId = ?1 and v.version = ?2")
                .setParameter(1, project.id).setParameter(2, version).getResultStream().findFirst().orElse(null);
        if (versionId == null) throw new DomainException.NotFound("This project has no dataset version " + version + ".");
        Snapshot all = em.unwrap(Session.class).doReturningWork(c -> Snapshot.load(c, project.id, version));
        int n = 0;
        for (int i = 0; i < all.size; i++) if (all.label[i] != null) n++;
        long[] ids = new long[n];
        String[] split = new String[n];
        String[] label = new String[n];
        double[] agreement = new double[n];
        for (int i = 0, j = 0; i < all.size; i++) {
            if (all.label[i] == null) continue; // released earlier, kept only for its split
            ids[j] = all.ids[i];
            split[j] = all.split[i];
            label[j] = all.label[i];
            agreement[j] = all.agreement[i];
            j++;
        }
        return new ReleasedVersion(version, versionId, ids, split, label, agreement);
    }

    /** The examples a version released, in increasing id order (parallel arrays: there may be hundreds of thousands). */
    public record ReleasedVersion(int version, long versionId, long[] ids, String[] split, String[] label, double[] agreement) {
        public int size() {
            return ids.length;
        }

        /** Index of the example, or a negative number when the version did not release it. */
        public int indexOf(long exampleId) {
            return java.util.Arrays.binarySearch(ids, exampleId);
        }
    }

    /** The project's versions, newest first, as their manifests. */
    public List<Manifest> versions(Project project) {
        List<String> manifests = em.createNativeQuery("select manifest from dataset_version where project_id = ?1 order by version desc")
                .setParameter(1, project.id).getResultList();
        List<Manifest> out = new ArrayList<>();
        for (String m : manifests) {
            try {
                out.add(json.readValue(m, Manifest.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
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
