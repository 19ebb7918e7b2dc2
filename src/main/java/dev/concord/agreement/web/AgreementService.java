package dev.concord.agreement.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.agreement.AgreementReport;
import dev.concord.agreement.FleissKappa;
import dev.concord.agreement.KrippendorffAlpha;
import dev.concord.agreement.PatternTable;
import dev.concord.agreement.PercentAgreement;
import dev.concord.base.Database;
import dev.concord.base.DomainException;
import dev.concord.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agreement and HLP of a project, computed from the database in one streamed pass over its
 * labels (see {@link LabelScan}); the measures themselves are the pure classes of {@code
 * dev.concord.agreement}.
 *
 * <p>Which labels count: every round of every example, each (example, round) being one item; by
 * default labels of all guide versions are pooled, with {@code guideVersion} only the labels made
 * under that version. Categories are the project's label set in its order, then {@code uncertain}
 * as a category of its own, unless {@code excludeUncertain} drops those labels.
 *
 * <p>Not {@code @Transactional}: it reads with its own read-only JDBC connection from the
 * datasource so that the result set can stream (PostgreSQL only streams with auto-commit off).
 */
@ApplicationScoped
public class AgreementService {

    /** The API's answer: {@link AgreementReport} plus what it was computed over. */
    public record Agreement(
            Integer guideVersion,
            boolean excludeUncertain,
            String slice,
            List<String> categories,
            long examples,
            long labels,
            int labelers,
            Double percentAgreement,
            Double cohenKappa,
            Double fleissKappa,
            Double krippendorffAlpha,
            double[] krippendorffAlphaCI95,
            AgreementReport.Hlp hlp,
            List<AgreementReport.Labeler> perLabeler,
            AgreementReport.Confusion confusion,
            AgreementReport.KappaMatrix cohenKappaMatrix,
            List<AgreementReport.Slice> slices,
            Map<String, String> undefinedReasons,
            Bootstrap bootstrap,
            long skippedLabels) {
    }

    /** How the confidence interval of alpha was made. */
    public record Bootstrap(String method, int replicates, long seed, double level) {
        static final Bootstrap DEFAULT = new Bootstrap("poisson-bootstrap-over-examples",
                KrippendorffAlpha.DEFAULT_REPLICATES, KrippendorffAlpha.DEFAULT_SEED, 0.95);
    }

    /** One guide version's headline figures, for the trend chart. */
    public record VersionPoint(int guideVersion, long examples, long labels, Double percentAgreement,
            Double krippendorffAlpha, double[] krippendorffAlphaCI95, Double hlp, String hlpMethod,
            Double cohenKappa) {
    }

    public record Trend(boolean excludeUncertain, List<VersionPoint> versions) {
    }

    /** Headline figures of one set of items (a round, or the round before it of the same examples). */
    public record RoundFigures(long examples, long labels, Double percentAgreement, Double krippendorffAlpha,
            double[] krippendorffAlphaCI95, Double fleissKappa) {
        static RoundFigures of(AgreementReport report) {
            return new RoundFigures(report.examples(), report.labels(), report.percentAgreement(),
                    report.krippendorffAlpha(), report.krippendorffAlphaCI95(), report.fleissKappa());
        }
    }

    /**
     * One labeling round: its figures over every example labeled in it, and (from round 2 on) the
     * figures of the same examples in the round before — the comparison that says whether labeling
     * them again, after a guide change, made the labels more consistent.
     */
    public record RoundPoint(int round, RoundFigures figures, RoundFigures previousOfSameExamples) {
    }

    public record Rounds(boolean excludeUncertain, List<RoundPoint> rounds) {
    }

    private final Database database;
    private final ObjectMapper json;

    public AgreementService(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * @param guideVersion     only labels made under this guide version, or {@code null} for all
     * @param excludeUncertain drop {@code uncertain} labels
     * @param sliceField       metadata field to slice by; {@code null}: the first of
     *                         {@link #metadataFields}; {@code ""}: no slices
     */
    public Agreement agreement(Project project, Integer guideVersion, boolean excludeUncertain, String sliceField) {
        if (guideVersion != null && guideVersion < 1) {
            throw new DomainException.BadInput("guideVersion is a guide version number (1, 2, ...).");
        }
        if (sliceField != null && sliceField.length() > 200) {
            throw new DomainException.BadInput("slice is the name of a metadata field.");
        }
        return withScanConnection(connection -> {
            Categories categories = categories(project, excludeUncertain);
            Labelers labelers = labelers(connection, project.id);
            String slice = sliceField == null ? metadataFields(connection, project.id).stream().findFirst().orElse(null)
                    : sliceField.isBlank() ? null : sliceField;
            LabelScan scan = new LabelScan(new LabelScan.Spec(project.id, guideVersion, categories.index,
                    categories.uncertain, labelers.index, slice, false, Map.of(), 0), json, 1);
            scan.run(connection, database.h2PrimaryKeyIndex(connection, "example"));
            LabelScan.Bucket bucket = scan.bucket(0);
            AgreementReport report = AgreementReport.of(bucket.accumulator, categories.names,
                    labelers.names, List.of());
            List<AgreementReport.Slice> slices = new ArrayList<>();
            bucket.slices.forEach((name, table) -> slices.add(slice(name, table)));
            slices.sort(SLICE_ORDER);
            return new Agreement(guideVersion, excludeUncertain, slice, categories.names,
                    report.examples(), report.labels(), report.labelers(), report.percentAgreement(),
                    report.cohenKappa(), report.fleissKappa(), report.krippendorffAlpha(),
                    report.krippendorffAlphaCI95(), report.hlp(), report.perLabeler(), report.confusion(),
                    report.cohenKappaMatrix(), slices, report.undefinedReasons(), Bootstrap.DEFAULT,
                    scan.skippedLabels());
        });
    }

    /**
     * Headline figures per guide version, in one pass: every version of the project's guide;
     * versions without labels have {@code null} figures (labels without a guide version, which
     * the app never writes, are skipped and counted nowhere).
     */
    public Trend trend(Project project, boolean excludeUncertain) {
        return withScanConnection(connection -> {
            Categories categories = categories(project, excludeUncertain);
            Labelers labelers = labelers(connection, project.id);
            TreeSet<Integer> versions = new TreeSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "select version from guide_version where project_id = ?")) {
                statement.setLong(1, project.id);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        versions.add(rows.getInt(1));
                    }
                }
            }
            Map<Integer, Integer> bucketOf = new LinkedHashMap<>();
            for (int version : versions) {
                bucketOf.put(version, bucketOf.size());
            }
            LabelScan scan = new LabelScan(new LabelScan.Spec(project.id, null, categories.index,
                    categories.uncertain, labelers.index, null, true, bucketOf, 0), json, Math.max(1, bucketOf.size()));
            scan.run(connection, null);
            List<VersionPoint> points = new ArrayList<>();
            Iterator<Integer> version = versions.iterator();
            for (int b = 0; b < bucketOf.size(); b++) {
                AgreementReport report = AgreementReport.of(scan.bucket(b).accumulator, categories.names,
                        labelers.names, List.of());
                points.add(new VersionPoint(version.next(), report.examples(), report.labels(),
                        report.percentAgreement(), report.krippendorffAlpha(), report.krippendorffAlphaCI95(),
                        report.hlp().value(), report.hlp().method(), report.cohenKappa()));
            }
            return new Trend(excludeUncertain, points);
        });
    }

    /** Figures per labeling round, in one pass (see {@link LabelScan}: two buckets a round). */
    public Rounds rounds(Project project, boolean excludeUncertain) {
        return withScanConnection(connection -> {
            Categories categories = categories(project, excludeUncertain);
            Labelers labelers = labelers(connection, project.id);
            int rounds = 0;
            try (PreparedStatement statement = connection.prepareStatement(
                    "select max(label_round) from example where project_id = ?")) {
                statement.setLong(1, project.id);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        rounds = rows.getInt(1);
                    }
                }
            }
            List<RoundPoint> points = new ArrayList<>();
            if (rounds == 0) {
                return new Rounds(excludeUncertain, points);
            }
            LabelScan scan = new LabelScan(new LabelScan.Spec(project.id, null, categories.index,
                    categories.uncertain, labelers.index, null, false, Map.of(), rounds), json, 2 * rounds);
            scan.run(connection, null);
            for (int round = 1; round <= rounds; round++) {
                RoundFigures figures = RoundFigures.of(AgreementReport.of(scan.bucket(LabelScan.roundBucket(round)).accumulator,
                        categories.names, labelers.names, List.of()));
                RoundFigures before = round == 1 ? null : RoundFigures.of(AgreementReport.of(
                        scan.bucket(LabelScan.previousRoundBucket(round)).accumulator, categories.names, labelers.names, List.of()));
                points.add(new RoundPoint(round, figures, before));
            }
            return new Rounds(excludeUncertain, points);
        });
    }

    /** The work on a connection streaming from the database; a failure is no answer a caller can act on. */
    private <T> T withScanConnection(Database.Work<T> work) {
        try {
            return database.streaming(work);
        } catch (SQLException e) {
            throw new IllegalStateException("agreement scan failed", e);
        }
    }

    private static AgreementReport.Slice slice(String name, PatternTable table) {
        return new AgreementReport.Slice(name, table.items(), table.labels(), PercentAgreement.of(table).value(),
                FleissKappa.of(table).value(), KrippendorffAlpha.of(table).value());
    }

    private record Categories(List<String> names, Map<String, Integer> index, int uncertain) {
    }

    private static Categories categories(Project project, boolean excludeUncertain) {
        List<String> names = new ArrayList<>(project.labelNames());
        if (!excludeUncertain) {
            names.add(Project.UNCERTAIN);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        return new Categories(List.copyOf(names), index, excludeUncertain ? -1 : names.size() - 1);
    }

    private record Labelers(List<String> names, Map<Long, Integer> index) {
    }

    /** Users with at least one label in the project (an index lookup per user), by name. */
    private static Labelers labelers(Connection connection, long projectId) throws SQLException {
        List<String> names = new ArrayList<>();
        Map<Long, Integer> index = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select u.id, u.username from app_user u where exists"
                        + " (select 1 from label l where l.labeler_id = u.id and l.project_id = ?) order by u.username")) {
            statement.setLong(1, projectId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    index.put(rows.getLong(1), names.size());
                    names.add(rows.getString(2));
                }
            }
        }
        return new Labelers(List.copyOf(names), index);
    }

    /** Slices by value, with "(none)" and "(other)" after the values. */
    static final Comparator<AgreementReport.Slice> SLICE_ORDER = Comparator
            .comparing((AgreementReport.Slice s) -> s.slice().equals(LabelScan.NO_SLICE_VALUE) || s.slice().equals(LabelScan.OTHER_SLICE))
            .thenComparing(AgreementReport.Slice::slice);

    /** The first field of the first example (by id) whose metadata is a non-empty JSON object. */
    /**
     * The metadata fields of the project's examples, in the order they first appear, looked up in
     * the first {@value #FIELD_SAMPLE} examples that have metadata (every import writes the same
     * fields for all its files, so a sample finds them without reading every example); at most
     * {@value #MAX_FIELDS}.
     */
    public List<String> metadataFields(Project project) {
        return withScanConnection(connection -> metadataFields(connection, project.id));
    }

    static final int FIELD_SAMPLE = 2_000;
    static final int MAX_FIELDS = 100;

    private List<String> metadataFields(Connection connection, long projectId) throws SQLException {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select metadata from example where project_id = ? and id > " + (Long.MIN_VALUE + 1)
                        + " and metadata is not null order by project_id, id")) {
            statement.setLong(1, projectId);
            statement.setMaxRows(FIELD_SAMPLE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && fields.size() < MAX_FIELDS) {
                    String metadata = rows.getString(1);
                    if (!seen.add(metadata)) continue;
                    try {
                        JsonNode node = json.readTree(metadata);
                        if (node != null && node.isObject()) {
                            node.fieldNames().forEachRemaining(fields::add);
                        }
                    } catch (IOException e) {
                        // not JSON: this example has no usable metadata; look at the next one
                    }
                }
            }
        }
        return fields.stream().limit(MAX_FIELDS).toList();
    }
}
