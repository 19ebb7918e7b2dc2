package dev.concord.labeling;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.ObjectIntHashMap;
import dev.concord.base.Database;
import dev.concord.base.UncheckedSql;
import dev.concord.base.DomainException;
import dev.concord.example.AnnotationImport;
import dev.concord.example.ExampleImporter.Problem;
import dev.concord.example.TableFile;
import dev.concord.guide.GuideVersion;
import dev.concord.project.Project;
import dev.concord.user.ExternalLabelers;
import dev.concord.user.UserService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports labels made elsewhere (other tools, crowd platforms) from CSV {@code example,labeler,label},
 * all or nothing, in one pass over the file and one database transaction of its own
 * ({@link Database#inOwnTransaction}: no timeout ends a long one). Every row is checked first and
 * any bad row stores nothing (every problem is listed); then the rows are written with batched JDBC
 * in example order ({@link Run#writeRows}). Memory holds the project's keys and, per row, a pair of
 * example and labeler with its answer in primitive arrays and sets (about 40 bytes), never the
 * file. Unknown labelers become external labelers, who can never log in.
 */
@ApplicationScoped
public class AnnotationImporter implements AnnotationImport {
    /** Problems listed in the error body at most; the count says how many there were. */
    static final int MAX_PROBLEMS = 1000;
    /** Rows per JDBC batch, and examples per {@link RoundsImported} event. */
    static final int BATCH = 1000;

    private final EntityManager em;
    private final Database database;
    private final Event<RoundsImported> roundsImported;

    public AnnotationImporter(EntityManager em, Database database, Event<RoundsImported> roundsImported) {
        this.em = em;
        this.database = database;
        this.roundsImported = roundsImported;
    }

    @Override
    public Result importCsv(Project given, Reader reader) {
        // The caller's project may be detached or old (an import job runs after its request): read it now, with its labels.
        Current read = QuarkusTransaction.requiringNew().call(() -> {
            Project p = em.find(Project.class, given.id);
            if (p == null) throw new DomainException.NotFound("The project no longer exists.");
            p.labels.size();
            return new Current(p, GuideVersion.currentVersion(p.id));
        });
        Project project = read.project();
        int guideVersion = read.guideVersion();
        try {
            return database.inOwnTransaction(c -> new Run(c, project, guideVersion).importFrom(reader));
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                throw new DomainException.Conflict("Labels for some of these examples and labelers were stored while this import ran;"
                        + " nothing of this file was imported. Upload it again.");
            }
            throw new IllegalStateException("The labels could not be stored", e);
        }
    }

    /** The project as stored when the import starts (its labels loaded), and its guide version then. */
    private record Current(Project project, int guideVersion) {}

    /** One import: what it knows of the project, and its writes. */
    private final class Run {
        private final Connection c;
        private final Project project;
        private final int guideVersion;
        private final OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        private final ExternalLabelers labelers;
        // the project's examples, by index
        private final ObjectIntHashMap<String> exampleIndex = new ObjectIntHashMap<>();
        private final LongArrayList exampleIds = new LongArrayList();
        private final IntArrayList rounds = new IntArrayList();
        // the file's labelers, by index
        private final ObjectIntHashMap<String> labelerIndex = new ObjectIntHashMap<>();
        private final LongArrayList labelerIds = new LongArrayList();
        private final BitSet accounts = new BitSet();       // labelers who log in: their labels are never replaced by a file
        // pairs (example index << 32 | labeler index): seen in the file; stored answer (code of the value, see code())
        private final LongHashSet seen = new LongHashSet();
        private final LongIntHashMap stored = new LongIntHashMap();
        private final ObjectIntHashMap<String> valueCodes = new ObjectIntHashMap<>();
        private final List<String> values = new ArrayList<>();
        // the file's rows that pass every check, to write once the whole file has: pair and answer code
        private final LongArrayList rowPairs = new LongArrayList();
        private final IntArrayList rowValues = new IntArrayList();
        private final IntArrayList added = new IntArrayList();
        private final BitSet touched = new BitSet();
        private final List<Problem> problems = new ArrayList<>();
        private int problemCount;
        private int imported;
        private int replaced;
        private PreparedStatement insert;
        private PreparedStatement update;
        private int pendingInserts;
        private int pendingUpdates;

        Run(Connection c, Project project, int guideVersion) {
            this.c = c;
            this.project = project;
            this.guideVersion = guideVersion;
            this.labelers = new ExternalLabelers(c, database.ids("app_user_seq"), now.toInstant());
        }

        Result importFrom(Reader reader) throws SQLException {
            if (!database.isH2()) {
                // PostgreSQL plans with the statistics of the tables as they were before this transaction
                // wrote a million labels and a hundred thousand reviews into them: "nearly empty", so it
                // scanned them whole for each batch's reads (110 s instead of seconds). Index reads only,
                // for this transaction.
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("set local enable_seqscan = off");
                }
            }
            readExamples();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(TableFile.CSV).get()) {
                List<String> header = parser.getHeaderNames();
                if (!header.containsAll(List.of("example", "labeler", "label"))) {
                    throw new DomainException.BadInput("The CSV needs the header 'example,labeler,label'; it has " + header + ".");
                }
                insert = c.prepareStatement("insert into label (id, project_id, example_id, labeler_id, label_round, label_value,"
                        + " guide_version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                update = c.prepareStatement("update label set label_value = ?, guide_version = ?, updated_at = ?"
                        + " where example_id = ? and labeler_id = ? and label_round = ?");
                TableFile.forEachCsvRow(parser, this::row, (line, message) -> problem(new Problem(line, null, message)));
                if (problemCount == 0) writeRows();
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                throw new DomainException.BadInput("The file is not readable as a CSV with the header 'example,labeler,label'.");
            } catch (UncheckedSql e) {
                throw e.getCause();
            } finally {
                if (insert != null) insert.close();
                if (update != null) update.close();
            }
            if (problemCount > 0) {
                String more = problemCount > MAX_PROBLEMS ? " (the first " + MAX_PROBLEMS + " are listed)" : "";
                throw new DomainException.BadInput("bad_rows", problemCount + " line(s) are not valid" + more
                        + "; nothing was imported. Fix them and upload again.", problems);
            }
            announceRounds();
            countInQueue();
            return new Result(imported, replaced);
        }

        /** The project's examples with their current rounds, indexed in id order (read from the narrow queue table, sorted here). */
        private void readExamples() throws SQLException {
            List<String> keys = new ArrayList<>();
            LongArrayList ids = new LongArrayList();
            IntArrayList currentRounds = new IntArrayList();
            try (PreparedStatement s = Database.forwardOnly(c, "select ex_key, example_id, label_round from example_queue where project_id = ?", 5000)) {
                s.setLong(1, project.id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                        ids.add(rs.getLong(2));
                        currentRounds.add(rs.getInt(3));
                    }
                }
            }
            int[] byId = com.carrotsearch.hppc.sorting.IndirectSort.mergesort(0, ids.size(), (x, y) -> Long.compare(ids.get(x), ids.get(y)));
            for (int k : byId) {
                exampleIndex.put(keys.get(k), exampleIds.size());
                exampleIds.add(ids.get(k));
                rounds.add(currentRounds.get(k));
                added.add(0);
            }
        }

        private void row(CSVRecord record, int line) {
            String key = record.get("example");
            String labeler = record.get("labeler");
            String label = record.get("label");
            int example = exampleIndex.getOrDefault(key, -1);
            if (example < 0) {
                problem(new Problem(line, null, "No example '" + key + "' in this project."));
                return;
            }
            if (!project.accepts(label)) {
                problem(new Problem(line, null, project.notALabel(label)));
                return;
            }
            if (labeler == null || !UserService.USERNAME.matcher(labeler).matches()) {
                problem(new Problem(line, null, "'" + labeler + "' is not a usable labeler name (letters, digits, '.', '_', '-')."));
                return;
            }
            try {
                int who = labeler(labeler);
                long pair = (long) example << 32 | who;
                if (!seen.add(pair)) {
                    problem(new Problem(line, null, "'" + labeler + "' labels '" + key + "' twice in this file."));
                    return;
                }
                if (stored.containsKey(pair) && accounts.get(who)) {
                    problem(new Problem(line, null, "'" + labeler + "' is a person who labels in Concord and already has a"
                            + " label on this example; an import replaces only labels of labelers imported from elsewhere."));
                    return;
                }
                if (problemCount > 0) return; // nothing will be stored: only the checks go on
                rowPairs.add(pair);
                rowValues.add(code(label));
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }

        /** The labeler's index in this import; on first sight, resolved (created if new) and their stored answers read. */
        private int labeler(String name) throws SQLException {
            int known = labelerIndex.getOrDefault(name, -1);
            if (known >= 0) return known;
            ExternalLabelers.Labeler labeler = labelers.resolve(name);
            int who = labelerIds.size();
            labelerIndex.put(name, who);
            labelerIds.add(labeler.id());
            if (!labeler.external()) accounts.set(who);
            try (PreparedStatement s = Database.forwardOnly(c, "select example_id, label_round, label_value from label"
                    + " where labeler_id = ? and project_id = ?", 5000)) {
                s.setLong(1, labeler.id());
                s.setLong(2, project.id);
                try (ResultSet rs = s.executeQuery()) {
                    LongIntHashMap index = exampleIdIndex();
                    while (rs.next()) {
                        int example = index.getOrDefault(rs.getLong(1), -1);
                        // only the current round's: a label of an earlier round stays as it is
                        if (example >= 0 && rs.getInt(2) == rounds.get(example)) stored.put((long) example << 32 | who, code(rs.getString(3)));
                    }
                }
            }
            return who;
        }

        private LongIntHashMap idIndex;

        /** Example id → index, built once when first needed (a labeler with stored labels, or the flags). */
        private LongIntHashMap exampleIdIndex() {
            if (idIndex == null) {
                idIndex = new LongIntHashMap(exampleIds.size());
                for (int i = 0; i < exampleIds.size(); i++) idIndex.put(exampleIds.get(i), i);
            }
            return idIndex;
        }

        /** A number for an answer (stored or given), so that a pair's answer takes four bytes. */
        private int code(String value) {
            int code = valueCodes.getOrDefault(value, -1);
            if (code < 0) {
                code = values.size();
                values.add(value);
                valueCodes.put(value, code);
            }
            return code;
        }

        /**
         * Writes the file's rows in the order of example id then labeler: label ids ascend as
         * written, and the label indexes led by the example grow at their end, so on H2 the one
         * large transaction (and its commit, which visits every row it wrote) reads and rewrites
         * neighbouring pages instead of one random page per label.
         */
        private void writeRows() throws SQLException {
            int n = rowPairs.size();
            int[] order = com.carrotsearch.hppc.sorting.IndirectSort.mergesort(0, n,
                    (x, y) -> Long.compare(rowPairs.get(x), rowPairs.get(y)));
            for (int k : order) {
                long pair = rowPairs.get(k);
                int example = (int) (pair >>> 32);
                int who = (int) pair;
                String label = values.get(rowValues.get(k));
                touched.set(example);
                int was = stored.getOrDefault(pair, -1);
                if (was >= 0) {
                    replaced++;
                    // The same answer again is left as it is (its guide version too): importing a file twice changes nothing.
                    if (was != rowValues.get(k)) updateLabel(example, who, label);
                } else {
                    imported++;
                    added.set(example, added.get(example) + 1);
                    insertLabel(example, who, label);
                }
            }
            if (pendingInserts > 0) insert.executeBatch();
            if (pendingUpdates > 0) update.executeBatch();
        }

        private void insertLabel(int example, int who, String label) throws SQLException {
            insert.setLong(1, database.ids("label_seq").next(c));
            insert.setLong(2, project.id);
            insert.setLong(3, exampleIds.get(example));
            insert.setLong(4, labelerIds.get(who));
            insert.setInt(5, rounds.get(example));
            insert.setString(6, label);
            insert.setInt(7, guideVersion);
            insert.setObject(8, now);
            insert.setObject(9, now);
            insert.addBatch();
            if (++pendingInserts == BATCH) {
                insert.executeBatch();
                pendingInserts = 0;
            }
        }

        private void updateLabel(int example, int who, String label) throws SQLException {
            update.setString(1, label);
            update.setInt(2, guideVersion);
            update.setObject(3, now);
            update.setLong(4, exampleIds.get(example));
            update.setLong(5, labelerIds.get(who));
            update.setInt(6, rounds.get(example));
            update.addBatch();
            if (++pendingUpdates == BATCH) {
                update.executeBatch();
                pendingUpdates = 0;
            }
        }

        /**
         * The queue's counters of the examples that gained labels, written last (after the review
         * flags): these rows are the examples' locks (the labeling path takes them), held from here
         * until the commit only.
         */
        private void countInQueue() throws SQLException {
            try (PreparedStatement s = c.prepareStatement("update example_queue set round_labels = round_labels + ?, taken = taken + ?"
                    + " where example_id = ?")) {
                int pending = 0;
                for (int i = 0; i < added.size(); i++) {
                    int n = added.get(i);
                    if (n == 0) continue;
                    s.setInt(1, n);
                    s.setInt(2, n);
                    s.setLong(3, exampleIds.get(i));
                    s.addBatch();
                    if (++pending == BATCH) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) s.executeBatch();
            }
        }

        /** Reads the current round of every example the file touched, a batch at a time, and tells the observers. */
        private void announceRounds() throws SQLException {
            int[] batch = new int[BATCH];
            int n = 0;
            for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
                batch[n++] = i;
                if (n == BATCH) {
                    announce(batch, n);
                    n = 0;
                }
            }
            if (n > 0) announce(batch, n);
            if (roundLabels != null) roundLabels.close();
        }

        private PreparedStatement roundLabels;

        /**
         * One batch of touched examples (indexes ascending, so ids ascending): their labels read as
         * one range of the (project, example) index, the current round's kept.
         */
        private void announce(int[] batch, int n) throws SQLException {
            if (roundLabels == null) {
                roundLabels = c.prepareStatement("select example_id, label_round, label_value from label"
                        + " where project_id = ? and example_id between ? and ?");
            }
            LongIntHashMap index = exampleIdIndex();
            IntIntHashMap slotOf = new IntIntHashMap(n);
            List<List<String>> answers = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                slotOf.put(batch[j], j);
                answers.add(new ArrayList<>(4));
            }
            roundLabels.setLong(1, project.id);
            roundLabels.setLong(2, exampleIds.get(batch[0]));
            roundLabels.setLong(3, exampleIds.get(batch[n - 1]));
            try (ResultSet rs = roundLabels.executeQuery()) {
                while (rs.next()) {
                    int example = index.getOrDefault(rs.getLong(1), -1);
                    if (example < 0 || rs.getInt(2) != rounds.get(example)) continue;
                    int slot = slotOf.getOrDefault(example, -1);
                    if (slot >= 0) answers.get(slot).add(rs.getString(3));
                }
            }
            List<RoundsImported.Round> out = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                out.add(new RoundsImported.Round(exampleIds.get(batch[j]), rounds.get(batch[j]), answers.get(j)));
            }
            roundsImported.fire(new RoundsImported(project, c, out));
        }

        private void problem(Problem problem) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) problems.add(problem);
        }
    }

}
