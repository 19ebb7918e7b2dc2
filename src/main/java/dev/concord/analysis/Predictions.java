package dev.concord.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.agreement.HumanLevelPerformance;
import dev.concord.agreement.ModelGaps;
import dev.concord.agreement.web.AgreementService;
import dev.concord.base.Database;
import dev.concord.base.DomainException;
import dev.concord.base.ReviewStatus;
import dev.concord.dataset.DatasetService;
import dev.concord.dataset.DatasetService.ReleasedVersion;
import dev.concord.example.ExampleImporter.Problem;
import dev.concord.example.TableFile;
import dev.concord.project.Project;
import dev.concord.review.ReviewService;
import dev.concord.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.hibernate.Session;

/**
 * A model's predictions on a released dataset version: stored all or nothing, one run per upload
 * (a run never changes its version), and analysed against the released labels and human-level
 * performance on the same examples.
 */
@ApplicationScoped
public class Predictions {
    /** The built-in slices besides metadata fields: the released label, and the guide version its labels were made under. */
    public static final String BY_CLASS = "class";
    public static final String BY_GUIDE_VERSION = "guide-version";
    static final int MAX_PROBLEMS = 1000;
    static final int MAX_MODEL = 100;
    /** Contradictions listed at most per request, weakest agreement first. */
    static final int MAX_CONTRADICTIONS = 500;
    /** Examples sent to review per request at most (each takes its example's lock in one transaction). */
    static final int MAX_TO_REVIEW = 1000;

    private final EntityManager em;
    private final DatasetService datasets;
    private final AgreementService agreement;
    private final ReviewService reviews;
    private final Database database;
    private final ObjectMapper json;
    private final CurrentUser me;

    Predictions(EntityManager em, DatasetService datasets, AgreementService agreement, ReviewService reviews,
            Database database, ObjectMapper json, CurrentUser me) {
        this.em = em;
        this.datasets = datasets;
        this.agreement = agreement;
        this.reviews = reviews;
        this.database = database;
        this.json = json;
        this.me = me;
    }

    public record Run(long run, String model, int version, int predictions, Instant createdAt) {
        static Run of(PredictionRun r, int version) {
            return new Run(r.id, r.model, version, r.predictions, r.createdAt);
        }
    }

    // ---- upload ----------------------------------------------------------------------------------

    /**
     * Stores a run: CSV {@code key,prediction[,score]} or JSON lines {@code {"key", "prediction",
     * "score"}}. Every key must be one the version released, once; every prediction a valid
     * answer of the project's kind; a score a number. Any problem: 400 listing each, nothing stored.
     */
    @Transactional
    public Run upload(Project project, int version, String model, String fileName, Path file) {
        String name = model == null ? "" : model.strip();
        if (name.isEmpty() || name.length() > MAX_MODEL || name.chars().anyMatch(Character::isISOControl)) {
            throw new DomainException.BadInput("Name the model with ?model= (1 to " + MAX_MODEL + " characters), e.g. ?model=tfidf-logreg.");
        }
        ReleasedVersion released = datasets.released(project, version);
        Map<String, Long> idOfKey = new HashMap<>();
        for (Object[] row : em.createQuery("select e.key, e.id from Example e where e.projectId = ?1", Object[].class)
                .setParameter(1, project.id).getResultList()) {
            idOfKey.put((String) row[0], (Long) row[1]);
        }
        Parsed parsed = new Parsed(AnswerScore.of(project), idOfKey, released, version);
        try {
            if (TableFile.isJsonLines(fileName, file)) parsed.jsonLines(file, json);
            else parsed.csv(file);
        } catch (IOException e) {
            throw new DomainException.BadInput("The file is not UTF-8 text: save it as UTF-8 CSV or JSON lines.");
        }
        if (!parsed.problems.isEmpty()) {
            throw new DomainException.BadInput("The predictions were not stored: " + parsed.problemCount + " problem"
                    + (parsed.problemCount == 1 ? "" : "s") + (parsed.problemCount > parsed.problems.size() ? " (the first "
                    + parsed.problems.size() + " listed)" : "") + ".", parsed.problems);
        }
        if (parsed.ids.isEmpty()) {
            throw new DomainException.BadInput("The file holds no predictions: one line per example, key and prediction.");
        }
        PredictionRun run = new PredictionRun();
        run.projectId = project.id;
        run.datasetVersionId = released.versionId();
        run.model = name;
        run.predictions = parsed.ids.size();
        run.createdBy = me.isLoggedIn() ? me.id() : null;
        run.createdAt = Instant.now();
        run.persist();
        em.flush();
        em.unwrap(Session.class).doWork(c -> parsed.store(c, run.id));
        return Run.of(run, version);
    }

    /** Reads an upload into rows, collecting every problem with its line. */
    private static final class Parsed {
        final AnswerScore kind;
        final Map<String, Long> idOfKey;
        final ReleasedVersion released;
        final int version;
        final List<Long> ids = new ArrayList<>();
        final List<String> answers = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();
        final Map<String, Integer> lineOfKey = new HashMap<>();
        final List<Problem> problems = new ArrayList<>();
        int problemCount;

        Parsed(AnswerScore kind, Map<String, Long> idOfKey, ReleasedVersion released, int version) {
            this.kind = kind;
            this.idOfKey = idOfKey;
            this.released = released;
            this.version = version;
        }

        void problem(int line, String message) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) problems.add(new Problem(line, null, message));
        }

        void row(int line, String key, String answer, String problemOfAnswer, Double score, String problemOfScore) {
            if (key == null || key.isBlank()) {
                problem(line, "The key is empty.");
                return;
            }
            Long id = idOfKey.get(key);
            if (id == null || released.indexOf(id) < 0) {
                problem(line, "'" + key + "' is not an example of dataset version " + version + ".");
                return;
            }
            Integer first = lineOfKey.putIfAbsent(key, line);
            if (first != null) {
                problem(line, "'" + key + "' was already predicted on line " + first + "; give each example one prediction.");
                return;
            }
            if (answer == null) {
                problem(line, problemOfAnswer);
                return;
            }
            if (problemOfScore != null) {
                problem(line, problemOfScore);
                return;
            }
            ids.add(id);
            answers.add(answer);
            scores.add(score);
        }

        void csv(Path file) throws IOException {
            try (CSVParser parser = TableFile.csv(file)) {
                List<String> header = parser.getHeaderNames();
                if (!header.contains("key") || !header.contains("prediction")) {
                    throw new DomainException.BadInput("The CSV needs the header 'key,prediction' (and optionally 'score'); it has " + header + ".");
                }
                boolean hasScore = header.contains("score");
                TableFile.forEachCsvRow(parser, (record, line) -> {
                    StringBuilder why = new StringBuilder();
                    String answer = kind.fromCell(record.get("prediction"), why);
                    String scoreText = hasScore ? record.get("score").strip() : "";
                    Double score = null;
                    String scoreProblem = null;
                    if (!scoreText.isEmpty()) {
                        score = number(scoreText);
                        if (score == null) scoreProblem = "The score '" + scoreText + "' is not a number.";
                    }
                    row(line, record.get("key"), answer, why.toString(), score, scoreProblem);
                }, this::problem);
            } catch (IllegalArgumentException e) {
                throw new DomainException.BadInput("The CSV header is not usable: each column needs a distinct, non-empty name.");
            }
        }

        void jsonLines(Path file, ObjectMapper json) throws IOException {
            TableFile.forEachJsonLine(file, json, (line, node, notJson) -> {
                if (node == null) {
                    problem(line, "This line is not a JSON object.");
                    return;
                }
                JsonNode key = node.get("key");
                StringBuilder why = new StringBuilder();
                String answer = kind.fromJson(node, why);
                JsonNode scoreNode = node.get("score");
                Double score = null;
                String scoreProblem = null;
                if (scoreNode != null && !scoreNode.isNull()) {
                    if (scoreNode.isNumber() && Double.isFinite(scoreNode.asDouble())) score = scoreNode.asDouble();
                    else scoreProblem = "\"score\" is not a number.";
                }
                row(line, key == null || !key.isValueNode() || key.isNull() ? null : key.asText(), answer, why.toString(), score, scoreProblem);
            });
        }

        private static Double number(String text) {
            try {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        void store(Connection c, long run) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into prediction (run_id, example_id, prediction, score) values (?, ?, ?, ?)")) {
                for (int i = 0; i < ids.size(); i++) {
                    insert.setLong(1, run);
                    insert.setLong(2, ids.get(i));
                    insert.setString(3, answers.get(i));
                    if (scores.get(i) == null) insert.setNull(4, Types.DOUBLE);
                    else insert.setDouble(4, scores.get(i));
                    insert.addBatch();
                    if (i % 1000 == 999) insert.executeBatch();
                }
                insert.executeBatch();
            }
        }
    }

    // ---- reading -----------------------------------------------------------------------------------

    /** The version's runs, newest first. */
    public List<Run> runs(Project project, int version) {
        ReleasedVersion released = datasets.released(project, version);
        return PredictionRun.<PredictionRun>list("datasetVersionId = ?1 order by id desc", released.versionId()).stream()
                .map(r -> Run.of(r, version)).toList();
    }

    private PredictionRun run(ReleasedVersion released, long runId) {
        PredictionRun run = PredictionRun.findById(runId);
        if (run == null || run.datasetVersionId != released.versionId()) {
            throw new DomainException.NotFound("Dataset version " + released.version() + " has no prediction run " + runId + ".");
        }
        return run;
    }

    /** The fields an analysis can slice by: the built-in ones, then the project's metadata fields. */
    public List<String> sliceFields(Project project) {
        List<String> fields = new ArrayList<>(agreement.metadataFields(project));
        fields.removeAll(List.of(BY_CLASS, BY_GUIDE_VERSION));
        List<String> all = new ArrayList<>(fields);
        all.add(BY_CLASS);
        all.add(BY_GUIDE_VERSION);
        return all;
    }

    public record SliceFigures(String slice, long examples, double share, double accuracy, Double hlp, double[] hlpCI95,
            Double gap, Double potential, long contradictions) {
    }

    public record Analysis(long run, String model, int version, String sliceField, String split, List<String> splits,
            long examples, Double accuracy, Double hlp, double[] hlpCI95, List<SliceFigures> slices) {
    }

    public record Contradiction(String key, String released, String predicted, Double score, Double agreement) {
    }

    /** The run against HLP per slice, ranked by potential ({@link ModelGaps}). */
    public Analysis analysis(Project project, int version, long runId, String sliceField, String split) {
        return analysis(examine(project, version, runId, sliceField, split), version);
    }

    /** The analysis and one slice's contradictions, from one reading of the run (the page shows both). */
    public record Report(Analysis analysis, List<Contradiction> contradictions) {}

    public Report report(Project project, int version, long runId, String sliceField, String split, String slice) {
        Examined e = examine(project, version, runId, sliceField, split);
        return new Report(analysis(e, version), slice == null ? List.of() : contradictions(project, e, slice));
    }

    private static Analysis analysis(Examined e, int version) {
        ModelGaps gaps = new ModelGaps();
        Map<String, Long> contradictions = new HashMap<>();
        for (int i = 0; i < e.size; i++) {
            gaps.add(e.slice[i], e.score[i], e.hits[i], e.compared[i]);
            if (e.contradicts(i)) contradictions.merge(e.slice[i], 1L, Long::sum);
        }
        ModelGaps.Result r = gaps.result();
        List<SliceFigures> slices = r.slices().stream().map(s -> new SliceFigures(s.slice(), s.examples(), s.share(), s.accuracy(),
                s.hlp(), s.hlpCI95(), s.gap(), s.potential(), contradictions.getOrDefault(s.slice(), 0L))).toList();
        return new Analysis(e.run.id, e.run.model, version, e.sliceField, e.split, e.splits, r.examples(), r.accuracy(), r.hlp(),
                r.hlpCI95(), slices);
    }

    /** The examples of one slice (all slices when null) where the model contradicts the released label, weakest agreement first. */
    public List<Contradiction> contradictions(Project project, int version, long runId, String sliceField, String split, String slice) {
        return contradictions(project, examine(project, version, runId, sliceField, split), slice);
    }

    private List<Contradiction> contradictions(Project project, Examined e, String slice) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < e.size; i++) {
            if (e.contradicts(i) && (slice == null || slice.equals(e.slice[i]))) chosen.add(i);
        }
        chosen.sort(Comparator.comparingDouble((Integer i) -> Double.isNaN(e.agreement[i]) ? 2 : e.agreement[i])
                .thenComparing(i -> e.exampleId[i]));
        if (chosen.size() > MAX_CONTRADICTIONS) chosen = chosen.subList(0, MAX_CONTRADICTIONS);
        Map<Long, String> keys = keysOf(project, chosen.stream().map(i -> e.exampleId[i]).toList());
        return chosen.stream().filter(i -> keys.containsKey(e.exampleId[i])) // deleted since the release: nothing to check or send
                .map(i -> new Contradiction(keys.get(e.exampleId[i]), e.released[i], e.predicted[i],
                Double.isNaN(e.predictedScore[i]) ? null : e.predictedScore[i],
                Double.isNaN(e.agreement[i]) ? null : e.agreement[i])).toList();
    }

    /** Puts the chosen examples of the run into the SME's queue with the reason {@code model}. */
    @Transactional
    public ReviewService.ModelFlags toReview(Project project, int version, long runId, List<String> keys) {
        ReleasedVersion released = datasets.released(project, version);
        run(released, runId);
        if (keys == null || keys.isEmpty()) throw new DomainException.BadInput("Choose at least one example to send to review.");
        if (keys.size() > MAX_TO_REVIEW) throw new DomainException.BadInput("Send at most " + MAX_TO_REVIEW + " examples to review at once.");
        if (keys.stream().anyMatch(k -> k == null || k.isBlank())) throw new DomainException.BadInput("Every key is a non-empty string.");
        return reviews.flagForModel(project, new LinkedHashSet<>(keys));
    }

    private Map<Long, String> keysOf(Project project, List<Long> ids) {
        Map<Long, String> keys = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
            for (Object[] row : em.createQuery("select e.id, e.key from Example e where e.projectId = ?1 and e.id in ?2", Object[].class)
                    .setParameter(1, project.id).setParameter(2, part).getResultList()) {
                keys.put((Long) row[0], (String) row[1]);
            }
        }
        return keys;
    }

    /** The run's examples (in the split, if one is named), each with its slice, score and HLP part, in example id order. */
    private static final class Examined {
        PredictionRun run;
        String sliceField;
        String split;
        List<String> splits;
        int size;
        long[] exampleId;
        String[] slice;
        double[] score;
        int[] hits;
        int[] compared;
        String[] released;
        String[] predicted;
        double[] predictedScore;
        double[] agreement;

        /** The model's answer differs from the released one: worth an SME's look. */
        boolean contradicts(int i) {
            return score[i] < 1;
        }
    }

    private Examined examine(Project project, int version, long runId, String sliceField, String split) {
        ReleasedVersion released = datasets.released(project, version);
        Examined e = new Examined();
        e.run = run(released, runId);
        List<String> fields = sliceFields(project);
        e.sliceField = sliceField == null || sliceField.isBlank() ? fields.get(0) : sliceField.strip();
        if (e.sliceField.length() > 200) {
            throw new DomainException.BadInput("slice is a metadata field, '" + BY_CLASS + "' or '" + BY_GUIDE_VERSION + "'.");
        }
        e.splits = Arrays.stream(released.split()).distinct().sorted().toList();
        e.split = split == null || split.isBlank() ? null : split.strip();
        if (e.split != null && !e.splits.contains(e.split)) {
            throw new DomainException.BadInput("Dataset version " + version + " has no split '" + e.split + "'; it has " + e.splits + ".");
        }
        AnswerScore kind = AnswerScore.of(project);
        try {
            database.streaming(c -> {
                read(c, e, released, kind, project);
                return null;
            });
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not read the predictions", ex);
        }
        return e;
    }

    private void read(Connection c, Examined e, ReleasedVersion released, AnswerScore kind, Project project) throws SQLException {
        // The run's predictions, in example id order, kept where the version released the example (in the split).
        int capacity = e.run.predictions;
        e.exampleId = new long[capacity];
        e.predicted = new String[capacity];
        e.predictedScore = new double[capacity];
        int[] index = new int[capacity];
        int n = 0;
        try (PreparedStatement q = Database.forwardOnly(c, "select example_id, prediction, score from prediction where run_id = ? order by run_id, example_id", 1000)) {
            q.setLong(1, e.run.id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    int at = released.indexOf(id);
                    if (at < 0 || e.split != null && !e.split.equals(released.split()[at])) continue;
                    e.exampleId[n] = id;
                    e.predicted[n] = rs.getString(2);
                    double s = rs.getDouble(3);
                    e.predictedScore[n] = rs.wasNull() ? Double.NaN : s;
                    index[n] = at;
                    n++;
                }
            }
        }
        e.size = n;
        e.slice = new String[n];
        e.score = new double[n];
        e.hits = new int[n];
        e.compared = new int[n];
        e.released = new String[n];
        e.agreement = new double[n];
        for (int i = 0; i < n; i++) {
            e.released[i] = released.label()[index[i]];
            e.agreement[i] = released.agreement()[index[i]];
            e.score[i] = kind.score(e.predicted[i], e.released[i]);
        }
        int[] guideVersion = new int[n];
        humanLevel(c, e, project, guideVersion);
        boolean byMetadata = !e.sliceField.equals(BY_CLASS) && !e.sliceField.equals(BY_GUIDE_VERSION);
        if (byMetadata) metadataSlices(c, e, project);
        for (int i = 0; i < n; i++) {
            if (e.sliceField.equals(BY_CLASS)) e.slice[i] = BY_CLASS + "=" + e.released[i];
            else if (e.sliceField.equals(BY_GUIDE_VERSION)) e.slice[i] = BY_GUIDE_VERSION + "=" + (guideVersion[i] == 0 ? "(none)" : guideVersion[i]);
        }
    }

    /**
     * HLP's parts per example, as the agreement endpoint counts them: each (example, round) is an
     * item, its reference the round's SME resolution or else the leave-one-out majority. One pass
     * over the project's labels in example order (the index ix_label_agreement), merged with the
     * run's examples.
     */
    private void humanLevel(Connection c, Examined e, Project project, int[] guideVersion) throws SQLException {
        List<String> categories = new ArrayList<>(project.labelNames());
        categories.add(Project.UNCERTAIN);
        Map<String, Integer> category = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) category.put(categories.get(i), i);
        Map<Long, Map<Integer, String>> resolutions = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select example_id, label_round, resolution from review where project_id = ? and status = "
                + ReviewStatus.RESOLVED.sql() + " and resolution is not null")) {
            q.setLong(1, project.id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) resolutions.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getInt(2), rs.getString(3));
            }
        }
        Map<Integer, int[]> rounds = new HashMap<>();
        try (PreparedStatement q = Database.forwardOnly(c, "select l.example_id, l.label_round, l.label_value, l.guide_version from label l"
                + " where l.project_id = ? order by l.project_id, l.example_id", 1000)) {
            q.setLong(1, project.id);
            try (ResultSet rs = q.executeQuery()) {
                int at = 0;
                long current = Long.MIN_VALUE;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != current) {
                        if (at < e.size && current == e.exampleId[at]) score(e, at, rounds, resolutions.get(current), category);
                        rounds.clear();
                        current = id;
                        while (at < e.size && e.exampleId[at] < id) at++;
                    }
                    if (at >= e.size || e.exampleId[at] != id) continue;
                    Integer cat = category.get(rs.getString(3));
                    if (cat == null) continue; // a label outside the label set counts nowhere, as in the agreement
                    rounds.computeIfAbsent(rs.getInt(2), r -> new int[categories.size()])[cat]++;
                    guideVersion[at] = Math.max(guideVersion[at], rs.getInt(4));
                }
                if (at < e.size && current == e.exampleId[at]) score(e, at, rounds, resolutions.get(current), category);
            }
        }
    }

    private static void score(Examined e, int at, Map<Integer, int[]> rounds, Map<Integer, String> resolved, Map<String, Integer> category) {
        for (Map.Entry<Integer, int[]> round : rounds.entrySet()) {
            String resolution = resolved == null ? null : resolved.get(round.getKey());
            Integer reference = resolution == null ? null : category.get(resolution);
            HumanLevelPerformance.OnItem item = HumanLevelPerformance.onItem(round.getValue(), reference == null ? -1 : reference);
            e.hits[at] += item.hits();
            e.compared[at] += item.compared();
        }
    }

    /**
     * Each example's slice as {@code field=value} of its metadata ({@code field=(none)} without).
     * The examples are read in id order over the run's id range; on H2 as a range scan of the
     * primary key (as the agreement's scan does), since going through the project index would
     * fetch every row with a lookup of its own.
     */
    private void metadataSlices(Connection c, Examined e, Project project) throws SQLException {
        Arrays.fill(e.slice, e.sliceField + "=(none)");
        if (e.size == 0) return;
        String primaryKey = database.h2PrimaryKeyIndex(c, "example");
        String sql = "select id, metadata from example" + (primaryKey == null ? "" : " use index (\"" + primaryKey.replace("\"", "") + "\")")
                + " where project_id = ? and id between ? and ? order by id";
        Map<String, String> parsed = new HashMap<>();
        try (PreparedStatement q = Database.forwardOnly(c, sql, 1000)) {
            q.setLong(1, project.id);
            q.setLong(2, e.exampleId[0]);
            q.setLong(3, e.exampleId[e.size - 1]);
            try (ResultSet rs = q.executeQuery()) {
                int at = 0;
                while (rs.next() && at < e.size) {
                    long id = rs.getLong(1);
                    while (at < e.size && e.exampleId[at] < id) at++;
                    if (at >= e.size || e.exampleId[at] != id) continue;
                    String metadata = rs.getString(2);
                    if (metadata == null) continue;
                    String value = parsed.get(metadata);
                    if (value == null) {
                        value = e.sliceField + "=" + fieldValue(metadata, e.sliceField);
                        if (parsed.size() < 100_000) parsed.put(metadata, value);
                    }
                    e.slice[at] = value;
                }
            }
        }
    }

    private String fieldValue(String metadata, String field) {
        try {
            JsonNode node = json.readTree(metadata).get(field);
            return node == null || node.isNull() ? "(none)" : node.isValueNode() ? node.asText() : node.toString();
        } catch (IOException ex) {
            return "(none)";
        }
    }
}
