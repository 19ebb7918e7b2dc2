package dev.concord.labeling;

import dev.concord.base.ConcordConfig;
import dev.concord.base.DomainException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Group commit for the labeling hot path: the queue's and the labels' work of concurrent
 * requests runs in one database transaction and one commit, and each request is answered only
 * after that commit, so an acknowledged label is as durable as with a commit of its own.
 *
 * <p>Why: with H2 durable at every commit ({@code WRITE_DELAY=0}) a commit writes a new chunk of
 * every changed page, and it was half of the CPU of a label (BENCHMARKS.md). One writer thread
 * takes whatever requests are waiting (up to {@code concord.queue.group-commit.max}) and runs them
 * one after the other in a transaction; under load the batch grows by itself, when idle a request
 * runs alone at once.
 *
 * <p>Nothing here is shared state that must stay consistent: the queue's decisions are still
 * taken under the rows' locks in the database, so several app instances (each with its own
 * writer) stay correct. A piece of work that refuses its input ({@link DomainException}) has
 * written nothing by then (LabelQueue checks before it writes), so it gets its error and the
 * others go on; any other failure rolls the batch back and each piece runs again alone. A piece
 * that the database rolls back as a deadlock victim (batches of several instances on one
 * PostgreSQL can wait for each other's rows) runs again, up to {@value #ATTEMPTS} times.
 */
@ApplicationScoped
class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final BlockingQueue<Job<?>> pending = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final int writerCount;
    private final DistributionSummary batchSizes;
    private final Timer batchTimes;
    private volatile boolean started;
    private volatile boolean stopped;

    GroupCommit(ConcordConfig config, MeterRegistry registry) {
        this.maxBatch = Math.max(1, config.queue().groupCommit().max());
        this.writerCount = Math.max(1, config.queue().groupCommit().writers());
        this.batchSizes = DistributionSummary.builder("concord.labeling.group.commit.size")
                .description("Labeling requests written per transaction and commit").register(registry);
        this.batchTimes = Timer.builder("concord.labeling.group.commit.time")
                .description("Time to run and commit one batch of labeling requests").register(registry);
    }

    /**
     * Queues the work for a transaction shared with other requests; the answer completes once that
     * transaction is committed (or with the work's refusal or failure), on the writer thread: a
     * caller that does more with the answer hands it to its own thread (the labeling API to its
     * request's event loop), so the writer only writes.
     */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        startWriters();
        Job<T> job = new Job<>(work);
        pending.add(job);
        return job.answer;
    }

    /** Work queued and not yet taken by a writer (tests wait on it instead of sleeping). */
    int waiting() {
        return pending.size();
    }

    /** Starts the writers with the first request; afterwards one volatile read per request. */
    private void startWriters() {
        if (started) return;
        synchronized (this) {
            if (started || stopped) return;
            started = true;
            for (int i = 0; i < writerCount; i++) {
                Thread t = new Thread(this::writeLoop, "concord-group-commit-" + i);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** Writers finish the batch in hand and stop; never interrupted (an interrupt can close H2's file). */
    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void writeLoop() {
        List<Job<?>> batch = new ArrayList<>(maxBatch);
        while (!stopped) {
            try {
                Job<?> first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                pending.drainTo(batch, maxBatch - 1);
                long start = System.nanoTime();
                write(batch);
                batchTimes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                break;
            } catch (Throwable t) { // never let the writer die; write() has answered every job
                LOG.error("group commit writer", t);
            } finally {
                batch.clear();
            }
        }
        for (Job<?> job; (job = pending.poll()) != null; ) job.fail(new IllegalStateException("Concord is shutting down."));
    }

    private void write(List<Job<?>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() > 1) {
            try {
                QuarkusTransaction.requiringNew().run(() -> batch.forEach(Job::runInBatch));
                batch.forEach(Job::done);
                return;
            } catch (RuntimeException e) {
                LOG.debugf(e, "a batch of %d failed and was rolled back; each runs again alone", batch.size());
            }
        }
        for (Job<?> job : batch) writeAlone(job);
    }

    /** Attempts for a job alone that the database rolled back as a deadlock victim or on a lock timeout. */
    static final int ATTEMPTS = 5;

    private void writeAlone(Job<?> job) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(job::runAlone);
                job.done();
                return;
            } catch (Throwable t) { // rolled back: the job's refusal, or its failure, is its answer
                if (job.refused != null) {
                    job.done();
                    return;
                }
                if (attempt >= ATTEMPTS || !transientFailure(t)) {
                    job.fail(t);
                    return;
                }
                // Another transaction (another instance's batch) held rows this one needed; nothing
                // of this one was stored, so it runs again after a short random pause.
                LOG.debugf("a labeling request was rolled back (%s); attempt %d of %d", t, attempt + 1, ATTEMPTS);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    job.fail(t);
                    return;
                }
            }
        }
    }

    /**
     * A rollback the database chose, which a new attempt can avoid: SQL state class 40
     * (PostgreSQL's deadlock_detected 40P01 and serialization_failure 40001, H2's deadlock 40001)
     * or H2's lock timeout (HYT00).
     */
    static boolean transientFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("40") || e.getSQLState().equals("HYT00"))) {
                return true;
            }
            if (c.getCause() == c) break;
        }
        return false;
    }

    private static final class Job<T> {
        private final Supplier<T> work;
        private final CompletableFuture<T> answer = new CompletableFuture<>();
        private T result;
        private RuntimeException refused;

        Job(Supplier<T> work) {
            this.work = work;
        }

        /** In a shared transaction: a refusal is this job's answer and leaves the others alone. */
        void runInBatch() {
            result = null;
            refused = null;
            try {
                result = work.get();
            } catch (DomainException e) {
                refused = e;
            }
        }

        /** In a transaction of its own: any exception rolls it back and becomes the answer. */
        void runAlone() {
            refused = null;
            try {
                result = work.get();
            } catch (DomainException e) {
                refused = e;
                throw e;
            }
        }

        void done() {
            if (refused != null) answer.completeExceptionally(refused);
            else answer.complete(result);
        }

        void fail(Throwable t) {
            answer.completeExceptionally(t);
        }
    }
}
