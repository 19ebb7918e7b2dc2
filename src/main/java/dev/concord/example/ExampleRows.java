package dev.concord.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes new examples and their queue entries with batched JDBC on the import's connection: a batch
 * of examples, then the same batch of queue entries (which reference them), every {@value #BATCH}
 * rows. On PostgreSQL the driver rewrites each batch into multi-row inserts
 * ({@code reWriteBatchedInserts}, application.properties); on H2 a batch is one call into the engine.
 */
final class ExampleRows implements AutoCloseable {
    static final int BATCH = 1000;

    private final PreparedStatement examples;
    private final PreparedStatement queue;
    private final long projectId;
    private final Long importJobId;
    private final OffsetDateTime now;
    private int pending;

    ExampleRows(Connection c, long projectId, Long importJobId, Instant now) throws SQLException {
        this.projectId = projectId;
        this.importJobId = importJobId;
        // as Hibernate binds an Instant (UTC offset), so rows written here and by entities compare alike
        this.now = now.atOffset(ZoneOffset.UTC);
        this.examples = c.prepareStatement("insert into example (id, project_id, ex_key, position, payload, media_sha256, media_type,"
                + " media_name, media_size, metadata, content_hash, label_round, created_at, import_job_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
        this.queue = c.prepareStatement("insert into example_queue (example_id, project_id, ex_key, label_round, round_labels, taken, shuffle)"
                + " values (?, ?, ?, 1, 0, 0, ?)");
    }

    /** One new example in round 1, nothing labeled or leased; {@code payload} (rows) or the media fields (files). */
    void add(long id, String key, int position, String payload, String mediaSha256, String mediaType, String mediaName, Long mediaSize,
             String metadata, String contentHash, int shuffle) throws SQLException {
        examples.setLong(1, id);
        examples.setLong(2, projectId);
        examples.setString(3, key);
        examples.setInt(4, position);
        examples.setString(5, payload);
        examples.setString(6, mediaSha256);
        examples.setString(7, mediaType);
        examples.setString(8, mediaName);
        if (mediaSize == null) examples.setNull(9, Types.BIGINT);
        else examples.setLong(9, mediaSize);
        examples.setString(10, metadata);
        examples.setString(11, contentHash);
        examples.setObject(12, now);
        if (importJobId == null) examples.setNull(13, Types.BIGINT);
        else examples.setLong(13, importJobId);
        examples.addBatch();
        queue.setLong(1, id);
        queue.setLong(2, projectId);
        queue.setString(3, key);
        queue.setInt(4, shuffle);
        queue.addBatch();
        if (++pending == BATCH) flush();
    }

    private void flush() throws SQLException {
        if (pending == 0) return;
        examples.executeBatch();
        queue.executeBatch();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            examples.close();
            queue.close();
        }
    }
}
