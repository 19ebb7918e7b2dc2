package dev.concord.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.base.DomainException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The labeling API's group commit: work of many requests in one transaction, each answered after
 * the commit. One job is held in the writer while the others queue up, so they are written as
 * one batch (the writer takes all that wait).
 */
@QuarkusTest
class GroupCommitTest {
    @Inject
    GroupCommit commits;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The work through the group commit, waiting for its answer: a refusal or failure is thrown as itself. */
    private <T> T call(Supplier<T> work) {
        try {
            return commits.submit(work).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes one row (login_attempt: no foreign keys) in the caller's transaction. */
    private void write(String tag, int i) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into login_attempt (username, client, at) values (?, ?, ?)")) {
            s.setString(1, tag);
            s.setString(2, "job-" + i);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> written(String tag) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select client from login_attempt where username = ? order by client")) {
            s.setString(1, tag);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** How many of the last batch's queued jobs first ran in the same transaction as job 1. */
    private long ranWithJob1;

    /** Runs job 0 (held until the others are queued) and jobs 1..n concurrently; their answers. */
    private List<Object> runBatch(int n, String tag, java.util.function.IntFunction<Object> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n + 1);
        try {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> first = pool.submit(() -> call(() -> {
                holding.countDown();
                await(release);
                write(tag, 0);
                return "job-0";
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS), "job 0 is in the writer");
            // The transaction each job first ran in: jobs that shared a batch share one.
            Map<Integer, Object> firstTransaction = new ConcurrentHashMap<>();
            List<Future<Object>> rest = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int k = i;
                rest.add(pool.submit(() -> {
                    try {
                        return call(() -> {
                            firstTransaction.putIfAbsent(k, transactions.getTransactionKey());
                            return job.apply(k);
                        });
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
                // Queued one after the other, so the batch runs them in the order 1..n.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (commits.waiting() < i && System.nanoTime() < deadline) Thread.onSpinWait();
                assertEquals(i, commits.waiting(), "job " + i + " queued behind job 0");
            }
            release.countDown();
            List<Object> answers = new ArrayList<>(List.of(first.get(10, TimeUnit.SECONDS)));
            for (Future<Object> f : rest) answers.add(f.get(10, TimeUnit.SECONDS));
            assertEquals(n, firstTransaction.size(), "every queued job ran");
            Object job1 = firstTransaction.get(1);
            ranWithJob1 = firstTransaction.values().stream().filter(job1::equals).count();
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusalInABatchIsThatRequestsAnswerAndTheOthersAreStored() throws Exception {
        String tag = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        List<Object> answers = runBatch(9, tag, i -> {
            if (i % 3 == 0) throw new DomainException.Conflict("job " + i + " refused");
            write(tag, i);
            return "job-" + i;
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 9; i++) {
            if (i > 0 && i % 3 == 0) {
                assertInstanceOf(DomainException.Conflict.class, answers.get(i), "job " + i);
            } else {
                assertEquals("job-" + i, answers.get(i));
                expected.add("job-" + i);
            }
        }
        assertEquals(9, ranWithJob1, "the nine queued jobs ran in one transaction, refusals included");
        assertEquals(expected, written(tag), "every accepted job stored once, no refused one");
    }

    @Test
    void aDeadlockVictimRunsAgainAndIsStoredOnce() throws Exception {
        String tag = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Object answer = call(() -> {
            write(tag, 1);
            if (attempts.incrementAndGet() < 3) {
                throw new jakarta.persistence.PersistenceException("victim", new SQLException("deadlock detected", "40P01"));
            }
            return "stored";
        });
        assertEquals("stored", answer);
        assertEquals(3, attempts.get());
        assertEquals(List.of("job-1"), written(tag), "the rolled-back attempts stored nothing");
        // A failure that is not the database's choice is not retried.
        attempts.set(0);
        assertInstanceOf(IllegalStateException.class, runBatch(1, tag, i -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug");
        }).get(1));
        assertEquals(1, attempts.get(), "run once, not again");
    }

    @Test
    void aFailureRollsTheBatchBackAndEachJobRunsAgainAlone() throws Exception {
        String tag = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        List<Object> answers = runBatch(6, tag, i -> {
            write(tag, i);
            if (i == 4) throw new IllegalStateException("job 4 fails after writing");
            return "job-" + i;
        });
        for (int i = 0; i <= 6; i++) {
            if (i == 4) {
                assertInstanceOf(IllegalStateException.class, answers.get(i));
            } else {
                assertEquals("job-" + i, answers.get(i));
            }
        }
        assertEquals(4, ranWithJob1, "jobs 1-4 ran in one transaction until job 4 failed; 5 and 6 first ran alone");
        // The failed job's row was rolled back with its batch; the others were written again, once.
        assertEquals(List.of("job-0", "job-1", "job-2", "job-3", "job-5", "job-6"), written(tag));
    }
}
