package dev.concord.example;

import dev.concord.base.ConcordConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Import jobs whose process died. Each instance beats for the jobs it runs ({@link #BEAT}); a
 * RUNNING job whose last beat is older than {@link #STALE} ran in a process that is gone, so at
 * start and then every minute any instance marks it FAILED with a sentence saying why and removes
 * its upload. Uploads no job refers to (a process that died between upload and job) go too, once
 * an hour old, and so do the HTTP layer's files of requests that a dying process never finished
 * receiving (it removes them itself when a request ends). The state is all in the database, so
 * any number of instances may share it; their clocks are assumed to agree within a minute (as NTP
 * keeps them).
 */
@ApplicationScoped
public class ImportRecovery {
    private static final Logger LOG = Logger.getLogger(ImportRecovery.class);
    static final Duration BEAT = Duration.ofSeconds(15);
    static final Duration STALE = Duration.ofMinutes(2);
    static final Duration ORPHAN_AGE = Duration.ofHours(1);
    static final String INTERRUPTED = "Concord stopped while this import ran, so nothing of it was stored; upload the file again.";

    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private final Path uploads;
    private final Path requestUploads;
    private ScheduledExecutorService timer;

    ImportRecovery(ConcordConfig config,
                   @ConfigProperty(name = "quarkus.http.body.uploads-directory") String requestUploads) {
        this.uploads = ImportJobs.uploadsDir(config.dataDir());
        this.requestUploads = Path.of(requestUploads).toAbsolutePath().normalize();
    }

    void onStart(@Observes StartupEvent event) {
        recover(Instant.now());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concord-import-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::beatSafely, BEAT.toSeconds(), BEAT.toSeconds(), TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                recover(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("Looking for interrupted imports failed; trying again in a minute", e);
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        // shutdown, not shutdownNow: a heartbeat may be writing, and an interrupted thread inside H2
        // closes its file channel, and with it the store
        if (timer == null) return;
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job runs in this process from now on; it beats at once. */
    void started(long jobId) {
        runningHere.add(jobId);
        beat(Set.of(jobId), Instant.now());
    }

    void finished(long jobId) {
        runningHere.remove(jobId);
    }

    private void beatSafely() {
        try {
            if (!runningHere.isEmpty()) beat(Set.copyOf(runningHere), Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Import heartbeat failed; trying again", e);
        }
    }

    private static void beat(Set<Long> jobs, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> ImportJob.update("heartbeatAt = ?1 where id in ?2", now, jobs));
    }

    /**
     * Fails the RUNNING jobs that stopped beating (before {@code now} minus {@link #STALE}) and
     * removes their uploads, then the uploads no job waits for. Answers how many jobs it failed.
     */
    int recover(Instant now) {
        Instant stale = now.minus(STALE);
        List<ImportJob> dead = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list(
                "status = ?1 and (heartbeatAt < ?2 or (heartbeatAt is null and updatedAt < ?2))", ImportJob.Status.RUNNING, stale));
        int failed = 0;
        for (ImportJob job : dead) {
            if (runningHere.contains(job.id)) continue;
            // Only if it is still the dead job we read: a job that beat meanwhile is left alone.
            int changed = QuarkusTransaction.requiringNew().call(() -> ImportJob.update(
                    "status = ?1, message = ?2, storedPath = null, updatedAt = ?3 where id = ?4 and status = ?5"
                            + " and (heartbeatAt < ?6 or (heartbeatAt is null and updatedAt < ?6))",
                    ImportJob.Status.FAILED, INTERRUPTED, now, job.id, ImportJob.Status.RUNNING, stale));
            if (changed == 0) continue;
            failed++;
            LOG.warnf("Import job %d (%s) was interrupted by a stopped process; marked failed", job.id, job.fileName);
            if (job.storedPath != null) delete(Path.of(job.storedPath));
        }
        removeOrphanedUploads(now);
        return failed;
    }

    private void removeOrphanedUploads(Instant now) {
        if (Files.isDirectory(uploads)) {
            Set<String> waiting = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list(
                    "storedPath is not null and status in ?1", List.of(ImportJob.Status.PREVIEW, ImportJob.Status.RUNNING))
                    .stream().map(j -> Path.of(j.storedPath).toAbsolutePath().normalize().toString()).toList()));
            removeOld(uploads, waiting, now);
        }
        // A request still receiving its upload writes to its file, so only a dead one's file gets this old.
        if (Files.isDirectory(requestUploads)) removeOld(requestUploads, Set.of(), now);
    }

    /** Removes the files of {@code dir} not in {@code kept} and last written {@link #ORPHAN_AGE} before {@code now}. */
    private static void removeOld(Path dir, Set<String> kept, Instant now) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file) || kept.contains(file.toAbsolutePath().normalize().toString())) continue;
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(ORPHAN_AGE))) delete(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not list " + dir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete " + file, e);
        }
    }
}
