package dev.concord.agreement.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.agreement.AgreementAccumulator;
import dev.concord.agreement.PatternTable;
import dev.concord.base.Database;
import dev.concord.base.ReviewStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One forward-only pass over a project's labels, ordered by example, feeding {@link
 * AgreementAccumulator}s item by item.
 *
 * <p>An <em>item</em> is one example in one labeling round ({@code label_round}): a labeler
 * labels an example at most once per round, and a consistency round asks the same people again,
 * so its labels are a new observation of the example, not a second vote in the first one. The
 * labels are also split by <em>bucket</em> (for the trend: the guide version they were made
 * under), so an item is (example, round, bucket) and each bucket has its own accumulator.
 * Split by round instead ({@code Spec.rounds > 0}), round r has two buckets: {@code 2(r-1)}, its
 * items, and {@code 2(r-1)+1}, the round before (r-1) of the same examples — only the examples
 * labeled again in r — so a round is compared with the same examples' previous labels, not with
 * every example of the project.
 *
 * <p>Memory: the labels of one example at a time (a few dozen ints), the accumulators (count
 * tables whose size depends on categories, labelers and distinct label patterns), a small cache
 * of parsed metadata strings, and at most {@value #MAX_SLICES} slice tables per bucket — never
 * anything per label.
 */
final class LabelScan {

    /** Distinct slice values kept; the rest are pooled in {@value #OTHER_SLICE}. */
    static final int MAX_SLICES = 50;
    static final String NO_SLICE_VALUE = "(none)";
    static final String OTHER_SLICE = "(other)";
    private static final int FETCH_SIZE = 10_000;
    private static final int METADATA_CACHE = 4096;

    /** Filters and shape of the scan. */
    record Spec(long projectId, Integer guideVersion, Map<String, Integer> categoryIndex,
            int uncertainCategory, Map<Long, Integer> labelerIndex, String sliceField,
            boolean bucketByGuideVersion, Map<Integer, Integer> versionBucket, int rounds) {
    }

    /** The bucket of round {@code round}'s items, when splitting by round. */
    static int roundBucket(int round) {
        return 2 * (round - 1);
    }

    /** The bucket of the previous round's items of the examples labeled again in {@code round}. */
    static int previousRoundBucket(int round) {
        return 2 * (round - 1) + 1;
    }

    /** What one bucket accumulated. */
    static final class Bucket {
        final AgreementAccumulator accumulator;
        /** Slice value → its pattern table, in first-seen order (the first {@value #MAX_SLICES} values seen get their own). */
        final Map<String, PatternTable> slices = new LinkedHashMap<>();

        Bucket(AgreementAccumulator accumulator) {
            this.accumulator = accumulator;
        }
    }

    private final Spec spec;
    private final ObjectMapper json;
    private final Bucket[] buckets;
    private final int categories;
    private final Map<String, String> sliceOfMetadata = new HashMap<>();
    /** Labels whose value is outside the categories (e.g. a label removed from the set). */
    private long skippedLabels;

    // the current example's labels
    private int size;
    private int[] rounds = new int[16];
    private int[] bucketOf = new int[16];
    private int[] labelers = new int[16];
    private int[] categoryOf = new int[16];
    // scratch for one item
    private int[] itemLabelers = new int[16];
    private int[] itemCategories = new int[16];
    private final int[] counts;

    LabelScan(Spec spec, ObjectMapper json, int bucketCount) {
        this.spec = spec;
        this.json = json;
        this.categories = spec.categoryIndex().size();
        this.counts = new int[categories];
        this.buckets = new Bucket[bucketCount];
        for (int b = 0; b < bucketCount; b++) {
            buckets[b] = new Bucket(new AgreementAccumulator(categories, spec.labelerIndex().size(), 0,
                    spec.uncertainCategory()));
        }
    }

    Bucket bucket(int index) {
        return buckets[index];
    }

    long skippedLabels() {
        return skippedLabels;
    }

    /**
     * Runs the scan on {@code connection}: labels ordered by example (served, already sorted, by
     * the covering index {@code ix_label_agreement}), merged with the resolved reviews ordered by
     * example and, only when slicing, with the project's examples ordered by id (their metadata).
     * Three forward-only cursors, advanced together; nothing is joined in the database.
     */
    void run(Connection connection, String h2ExamplePrimaryKey) throws SQLException {
        boolean slicing = spec.sliceField() != null;
        String labels = "select l.example_id, l.label_round, l.labeler_id, l.label_value, l.guide_version"
                + " from label l where l.project_id = ?"
                + (spec.guideVersion() != null ? " and l.guide_version = ?" : "")
                // project_id first so that the index order serves the sort
                + " order by l.project_id, l.example_id";
        String reviews = "select example_id, resolution from review where project_id = ? and status = " + ReviewStatus.RESOLVED.sql()
                + " and resolution is not null order by example_id, label_round desc"; // the latest round's resolution first
        // PostgreSQL: ix_example_round (project_id, id, ...) yields the project's examples in id order. H2 would
        // fetch each row through that index with a lookup in the primary key, which costs a page
        // read per row once the data outgrows H2's page cache; a range scan of the primary key
        // over the project's id range reads each page once.
        String examples = "select id, metadata from example where project_id = ? order by project_id, id";
        long[] idRange = null;
        if (slicing && h2ExamplePrimaryKey != null) {
            idRange = exampleIdRange(connection);
            examples = "select id, metadata from example use index (\"" + h2ExamplePrimaryKey.replace("\"", "")
                    + "\") where project_id = ? and id between ? and ? order by id";
        }
        try (PreparedStatement labelQuery = forwardOnly(connection, labels);
                PreparedStatement reviewQuery = forwardOnly(connection, reviews);
                PreparedStatement exampleQuery = slicing ? forwardOnly(connection, examples) : null) {
            labelQuery.setLong(1, spec.projectId());
            if (spec.guideVersion() != null) {
                labelQuery.setInt(2, spec.guideVersion());
            }
            reviewQuery.setLong(1, spec.projectId());
            if (exampleQuery != null) {
                exampleQuery.setLong(1, spec.projectId());
                if (idRange != null) {
                    exampleQuery.setLong(2, idRange[0]);
                    exampleQuery.setLong(3, idRange[1]);
                }
            }
            try (ResultSet rows = labelQuery.executeQuery();
                    ResultSet resolved = reviewQuery.executeQuery();
                    ResultSet exampleRows = exampleQuery == null ? null : exampleQuery.executeQuery()) {
                Cursor resolutions = new Cursor(resolved);
                Cursor metadata = exampleRows == null ? null : new Cursor(exampleRows);
                long currentExample = Long.MIN_VALUE;
                while (rows.next()) {
                    long example = rows.getLong(1);
                    if (example != currentExample) {
                        if (size > 0) {
                            flush(currentExample, resolutions, metadata);
                        }
                        currentExample = example;
                    }
                    int category = category(rows.getString(4));
                    if (category < 0) {
                        skippedLabels++;
                        continue;
                    }
                    Integer labeler = spec.labelerIndex().get(rows.getLong(3));
                    if (labeler == null) {
                        // a labeler who appeared after the labeler list was read
                        skippedLabels++;
                        continue;
                    }
                    int bucket = 0;
                    if (spec.bucketByGuideVersion()) {
                        int version = rows.getInt(5);
                        Integer index = rows.wasNull() ? null : spec.versionBucket().get(version);
                        if (index == null) {
                            skippedLabels++;
                            continue;
                        }
                        bucket = index;
                    }
                    append(rows.getInt(2), bucket, labeler, category);
                }
                if (size > 0) {
                    flush(currentExample, resolutions, metadata);
                }
            }
        }
    }

    /** A result set ordered by example id (column 1), read forward as the label scan advances. */
    private static final class Cursor {
        private final ResultSet rows;
        private long id = Long.MIN_VALUE;

        Cursor(ResultSet rows) {
            this.rows = rows;
        }

        /** Moves to {@code example}; true if a row for it exists (then column 2 is readable). */
        boolean seek(long example) throws SQLException {
            while (id < example) {
                id = rows.next() ? rows.getLong(1) : Long.MAX_VALUE;
            }
            return id == example;
        }

        String value() throws SQLException {
            return rows.getString(2);
        }
    }

    private void flush(long example, Cursor resolutions, Cursor metadata) throws SQLException {
        int reference = resolutions.seek(example) ? category(resolutions.value()) : -1;
        String slice = metadata == null ? null : sliceValue(metadata.seek(example) ? metadata.value() : null);
        if (spec.rounds() > 0) {
            flushByRound(reference);
        } else {
            flush(reference, slice);
        }
    }

    private long[] exampleIdRange(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select min(id), max(id) from example where project_id = ?")) {
            statement.setLong(1, spec.projectId());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long min = rows.getLong(1);
                return rows.wasNull() ? new long[] {0, -1} : new long[] {min, rows.getLong(2)};
            }
        }
    }

    private static PreparedStatement forwardOnly(Connection connection, String sql) throws SQLException {
        return Database.forwardOnly(connection, sql, FETCH_SIZE);
    }

    private int category(String value) {
        Integer index = value == null ? null : spec.categoryIndex().get(value);
        return index == null ? -1 : index;
    }

    private void append(int round, int bucket, int labeler, int category) {
        if (size == rounds.length) {
            int capacity = size * 2;
            rounds = Arrays.copyOf(rounds, capacity);
            bucketOf = Arrays.copyOf(bucketOf, capacity);
            labelers = Arrays.copyOf(labelers, capacity);
            categoryOf = Arrays.copyOf(categoryOf, capacity);
            itemLabelers = new int[capacity];
            itemCategories = new int[capacity];
        }
        rounds[size] = round;
        bucketOf[size] = bucket;
        labelers[size] = labeler;
        categoryOf[size] = category;
        size++;
    }

    /** Feeds the buffered example as one item per distinct (round, bucket), then clears it. */
    private void flush(int reference, String slice) {
        boolean single = true;
        for (int i = 1; i < size; i++) {
            if (rounds[i] != rounds[0] || bucketOf[i] != bucketOf[0]) {
                single = false;
                break;
            }
        }
        if (single) {
            addItem(bucketOf[0], labelers, categoryOf, size, reference, slice);
        } else {
            boolean[] done = new boolean[size];
            for (int i = 0; i < size; i++) {
                if (done[i]) {
                    continue;
                }
                int n = 0;
                for (int j = i; j < size; j++) {
                    if (!done[j] && rounds[j] == rounds[i] && bucketOf[j] == bucketOf[i]) {
                        itemLabelers[n] = labelers[j];
                        itemCategories[n] = categoryOf[j];
                        n++;
                        done[j] = true;
                    }
                }
                addItem(bucketOf[i], itemLabelers, itemCategories, n, reference, slice);
            }
        }
        size = 0;
    }

    /** Feeds the buffered example as one item per round, each also as "before" the next round if it has one; then clears it. */
    private void flushByRound(int reference) {
        boolean[] done = new boolean[size];
        for (int i = 0; i < size; i++) {
            if (done[i]) {
                continue;
            }
            int round = rounds[i];
            boolean labeledAgain = false;
            int n = 0;
            for (int j = 0; j < size; j++) {
                if (rounds[j] == round + 1) {
                    labeledAgain = true;
                }
                if (j >= i && !done[j] && rounds[j] == round) {
                    itemLabelers[n] = labelers[j];
                    itemCategories[n] = categoryOf[j];
                    n++;
                    done[j] = true;
                }
            }
            if (round < 1 || round > spec.rounds()) {
                continue; // a round started after the scan counted them
            }
            addItem(roundBucket(round), itemLabelers, itemCategories, n, reference, null);
            if (labeledAgain && round + 1 <= spec.rounds()) {
                addItem(previousRoundBucket(round + 1), itemLabelers, itemCategories, n, reference, null);
            }
        }
        size = 0;
    }

    private void addItem(int bucket, int[] itemLabelerIndices, int[] itemCategoryIndices, int n, int reference,
            String slice) {
        Bucket target = buckets[bucket];
        target.accumulator.add(itemLabelerIndices, itemCategoryIndices, n, reference, -1);
        if (slice != null) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[itemCategoryIndices[i]]++;
            }
            PatternTable table = target.slices.get(slice);
            if (table == null) {
                String key = target.slices.size() < MAX_SLICES ? slice : OTHER_SLICE;
                table = target.slices.computeIfAbsent(key, k -> new PatternTable(categories));
            }
            table.add(counts, 1);
        }
    }

    /** The slice field's value in an example's metadata JSON; parsed strings are cached. */
    private String sliceValue(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return NO_SLICE_VALUE;
        }
        String cached = sliceOfMetadata.get(metadata);
        if (cached != null) {
            return cached;
        }
        String value;
        try {
            JsonNode node = json.readTree(metadata).get(spec.sliceField());
            value = node == null || node.isNull() ? NO_SLICE_VALUE : node.isValueNode() ? node.asText() : node.toString();
        } catch (java.io.IOException e) {
            value = NO_SLICE_VALUE;
        }
        if (sliceOfMetadata.size() < METADATA_CACHE) {
            sliceOfMetadata.put(metadata, value);
        }
        return value;
    }
}
