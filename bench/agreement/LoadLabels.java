import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Bulk loader for the agreement benchmark: writes examples, external labelers and labels straight
 * into the H2 file of a stopped Concord (the project itself is made through the API first, so
 * schema, guide and label set are the app's own). Batched JDBC inserts, one commit per 20,000
 * rows; then the id sequences are moved past the inserted ids so the app can keep inserting.
 *
 * <p>Data (seeded): N examples with metadata {"camera":"line-1..4"}, 5 labelers, each example has
 * a "true" class (skewed over the 4 labels); each labeler gives it with probability 0.7, another
 * label otherwise, "uncertain" 2% of the time; each label is missing with probability 0.10.
 *
 * <p>Usage: java -cp h2.jar LoadLabels.java JDBC_URL PROJECT_SLUG EXAMPLES
 */
public class LoadLabels {
    static final String[] LABELS = {"scratch", "dent", "pit", "none"};
    static final double[] PRIOR = {0.2, 0.15, 0.1, 0.55};
    static final int LABELERS = 5;
    static final double MISSING = 0.10;
    static final long BASE = 10_000_000L;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String slug = args[1];
        int examples = Integer.parseInt(args[2]);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "concord", "concord")) {
            c.setAutoCommit(false);
            long projectId;
            try (PreparedStatement s = c.prepareStatement("select id from project where slug = ?")) {
                s.setString(1, slug);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) throw new IllegalStateException("no project " + slug);
                    projectId = r.getLong(1);
                }
            }
            Timestamp now = Timestamp.from(Instant.now());
            long[] labelerIds = new long[LABELERS];
            try (PreparedStatement s = c.prepareStatement("insert into app_user (id, username, password_hash, roles,"
                    + " external, enabled, created_at) values (?, ?, null, 'LABELER', true, true, ?)")) {
                for (int l = 0; l < LABELERS; l++) {
                    labelerIds[l] = BASE + l;
                    s.setLong(1, labelerIds[l]);
                    s.setString(2, "bench-labeler-" + (l + 1));
                    s.setTimestamp(3, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            SplittableRandom random = new SplittableRandom(2024);
            long labels = 0;
            try (PreparedStatement ex = c.prepareStatement("insert into example (id, project_id, ex_key, position,"
                    + " payload, metadata, content_hash, label_round, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, 1, ?)");
                 PreparedStatement queue = c.prepareStatement("insert into example_queue (example_id, project_id, ex_key,"
                    + " label_round, round_labels, taken, shuffle) values (?, ?, ?, 1, ?, ?, ?)");
                 PreparedStatement lb = c.prepareStatement("insert into label (id, project_id, example_id,"
                    + " labeler_id, label_round, label_value, guide_version, created_at, updated_at)"
                    + " values (?, ?, ?, ?, 1, ?, 1, ?, ?)")) {
                int pending = 0;
                for (int i = 0; i < examples; i++) {
                    long exampleId = BASE + i;
                    int truth = draw(random);
                    String[] given = new String[LABELERS];
                    int count = 0;
                    for (int l = 0; l < LABELERS; l++) {
                        if (random.nextDouble() < MISSING) continue;
                        double u = random.nextDouble();
                        given[l] = u < 0.02 ? "uncertain" : u < 0.72 ? LABELS[truth] : LABELS[draw(random)];
                        count++;
                    }
                    ex.setLong(1, exampleId);
                    ex.setLong(2, projectId);
                    ex.setString(3, "ex" + i);
                    // Ids in the queue's order, positions in the file's, as the app's import stores them
                    // (ExampleImporter.QueueOrder): a fixed permutation of 0..examples-1 as the file order.
                    ex.setInt(4, (int) ((i * 7919L) % examples));
                    ex.setString(5, "{\"id\":\"ex" + i + "\",\"text\":\"example " + i + "\"}");
                    ex.setString(6, "{\"camera\":\"line-" + (1 + i % 4) + "\"}");
                    ex.setString(7, Long.toHexString(random.nextLong()));
                    ex.setTimestamp(8, now);
                    ex.addBatch();
                    queue.setLong(1, exampleId);
                    queue.setLong(2, projectId);
                    queue.setString(3, "ex" + i);
                    queue.setInt(4, count);
                    queue.setInt(5, count);
                    queue.setInt(6, random.nextInt());
                    queue.addBatch();
                    for (int l = 0; l < LABELERS; l++) {
                        if (given[l] == null) continue;
                        lb.setLong(1, BASE * 10 + labels);
                        lb.setLong(2, projectId);
                        lb.setLong(3, exampleId);
                        lb.setLong(4, labelerIds[l]);
                        lb.setString(5, given[l]);
                        lb.setTimestamp(6, now);
                        lb.setTimestamp(7, now);
                        lb.addBatch();
                        labels++;
                        pending++;
                    }
                    if (pending >= 20_000) {
                        ex.executeBatch();
                        queue.executeBatch();
                        lb.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                }
                ex.executeBatch();
                queue.executeBatch();
                lb.executeBatch();
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter sequence app_user_seq restart with " + (BASE + 1000));
                s.execute("alter sequence example_seq restart with " + (BASE + examples + 1000));
                s.execute("alter sequence label_seq restart with " + (BASE * 10 + labels + 1000));
            }
            c.commit();
            System.out.printf("loaded %,d examples and %,d labels by %d labelers in %.1f s%n", examples, labels,
                    LABELERS, (System.nanoTime() - started) / 1e9);
        }
    }

    static int draw(SplittableRandom random) {
        double u = random.nextDouble();
        for (int k = 0; k < PRIOR.length - 1; k++) {
            if ((u -= PRIOR[k]) < 0) return k;
        }
        return PRIOR.length - 1;
    }
}
