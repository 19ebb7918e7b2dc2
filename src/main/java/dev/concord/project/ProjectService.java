package dev.concord.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.base.DomainException;
import dev.concord.base.ReviewStatus;
import dev.concord.user.CurrentUser;
import dev.concord.user.User;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates projects, answers who may see them, and counts their progress. */
@ApplicationScoped
public class ProjectService {
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    static final int MAX_LABELS = 100;

    private final EntityManager em;
    private final CurrentUser me;
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<ProjectCreated> created;

    public ProjectService(EntityManager em, CurrentUser me, AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
                          Event<ProjectCreated> created) {
        this.em = em;
        this.me = me;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.created = created;
    }

    /** A label of the label set as given in a request: a name and an optional code. */
    public record LabelSpec(String name, String code) {}

    public record NewProject(String slug, String name, String modality, List<LabelSpec> labels, Integer overlap,
                             Double agreementThreshold, List<String> members, String keyColumn, String textColumn,
                             String guideMarkdown) {}

    /** Reads the label set from JSON: each entry a name, or {"name": ..., "code": ...}. */
    public static List<LabelSpec> labelSpecs(JsonNode labels) {
        if (labels == null || labels.isNull()) return null;
        if (!labels.isArray()) throw new DomainException.BadInput("'labels' must be a list of label names.");
        List<LabelSpec> specs = new ArrayList<>();
        for (JsonNode node : labels) {
            if (node.isTextual()) {
                specs.add(new LabelSpec(node.asText(), null));
            } else if (node.isObject() && node.path("name").isTextual()) {
                JsonNode code = node.path("code");
                specs.add(new LabelSpec(node.get("name").asText(), code.isValueNode() && !code.isNull() ? code.asText() : null));
            } else {
                throw new DomainException.BadInput("Each label is a name, or an object with a 'name' and an optional 'code'.");
            }
        }
        return specs;
    }

    @Transactional
    public Project create(NewProject spec) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (spec.slug() == null || !SLUG.matcher(spec.slug()).matches()) {
            problems.add(problem("slug", "A slug is 1–64 lowercase letters, digits and inner hyphens, e.g. 'phone-defects'."));
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            problems.add(problem("name", "Give the project a name of 1–200 characters."));
        }
        Project.Modality modality = Project.Modality.parse(spec.modality()).orElse(null);
        if (modality == null) {
            problems.add(problem("modality", "The modality is one of image, audio, row or text."));
        }
        problems.addAll(labelProblems(spec.labels()));
        int overlap = spec.overlap() == null ? 1 : spec.overlap();
        if (overlap < 1 || overlap > 50) {
            problems.add(problem("overlap", "The overlap (labelers per example) is a whole number from 1 to 50."));
        }
        double threshold = spec.agreementThreshold() == null ? 0.5 : spec.agreementThreshold();
        if (!(threshold >= 0 && threshold <= 1)) {
            problems.add(problem("agreementThreshold", "The agreement threshold is a share between 0 and 1."));
        }
        List<User> members = new ArrayList<>();
        if (spec.members() != null) {
            for (String username : spec.members()) {
                User.findByUsername(username).filter(u -> !u.external).ifPresentOrElse(members::add,
                        () -> problems.add(problem("members", "No user '" + username + "'.")));
            }
        }
        if (!problems.isEmpty()) {
            throw new DomainException.BadInput("The project cannot be created: see details.", problems);
        }
        if (Project.findBySlug(spec.slug()).isPresent()) {
            throw new DomainException.Conflict("A project with the slug '" + spec.slug() + "' exists; choose another slug.");
        }
        Project project = new Project();
        project.slug = spec.slug();
        project.name = spec.name().strip();
        project.modality = modality;
        project.overlap = overlap;
        project.agreementThreshold = threshold;
        project.restricted = spec.members() != null;
        project.keyColumn = blankToNull(spec.keyColumn());
        project.textColumn = blankToNull(spec.textColumn());
        project.createdAt = Instant.now();
        int position = 0;
        for (LabelSpec label : spec.labels()) {
            ProjectLabel entity = new ProjectLabel();
            entity.project = project;
            entity.position = position++;
            entity.name = label.name();
            entity.code = blankToNull(label.code());
            project.labels.add(entity);
        }
        project.persist();
        for (User member : members) {
            addMember(project, member);
        }
        created.fire(new ProjectCreated(project, spec.guideMarkdown(), me.isLoggedIn() ? me.id() : null));
        return project;
    }

    static List<Map<String, String>> labelProblems(List<LabelSpec> labels) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (labels == null || labels.isEmpty()) {
            problems.add(problem("labels", "Give at least one label."));
            return problems;
        }
        if (labels.size() > MAX_LABELS) {
            problems.add(problem("labels", "A project has at most " + MAX_LABELS + " labels."));
        }
        Set<String> seen = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (LabelSpec label : labels) {
            String name = label.name();
            if (name == null || name.isEmpty() || name.length() > 64 || !name.equals(name.strip())
                    || name.chars().anyMatch(Character::isISOControl)) {
                problems.add(problem("labels", "A label name is 1–64 printable characters without leading or trailing spaces: '" + name + "' is not."));
            } else if (Project.UNCERTAIN.equalsIgnoreCase(name)) {
                problems.add(problem("labels", "'uncertain' is always available and reserved; leave it out of the label set."));
            } else if (!seen.add(name)) {
                problems.add(problem("labels", "The label '" + name + "' appears twice."));
            }
            if (label.code() != null && (label.code().length() > 64 || !codes.add(label.code()))) {
                problems.add(problem("labels", "Label codes are unique and at most 64 characters: '" + label.code() + "' is not."));
            }
        }
        return problems;
    }

    private static Map<String, String> problem(String field, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("field", field);
        p.put("message", message);
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- access --------------------------------------------------------------------------------

    /** The project if the caller may see it; 404 otherwise, exactly as if it did not exist. */
    public Project visible(String slug) {
        return seenOrNotFound(slug, Project.findBySlug(slug).orElse(null));
    }

    /** The project when the caller may see it; else 404, exactly as if it did not exist. */
    private Project seenOrNotFound(String slug, Project project) {
        if (project == null || !canSee(project)) throw notFound(slug);
        return project;
    }

    private static DomainException notFound(String slug) {
        return new DomainException.NotFound("No project '" + slug + "' that you can see.");
    }

    /**
     * {@link #visible} for a labeler named explicitly, so it can run off the request's thread (in
     * the labeling API's group commit), read with plain JDBC into a detached Project, its label
     * set included: the labeling API reads the project on every label and never changes it. One
     * statement instead of a Hibernate session, query and entity per label,
     * and within one transaction (one group commit) one statement per project: the row is kept
     * with the transaction (its synchronization registry) and goes with it. Nothing is kept
     * between transactions. What this returns must never be persisted or merged.
     */
    public Project visibleForLabeling(String slug, long labelerId, boolean admin) {
        Project project = inTransaction("concord.project-for-labeling:" + slug, () -> readForLabeling(slug));
        if (project == null || !open(project, labelerId, admin)) throw notFound(slug);
        return project;
    }

    private Project readForLabeling(String slug) {
        Project project = null;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select p.id, p.slug, p.name, p.modality, p.overlap, p.agreement_threshold, p.restricted,
                            p.key_column, p.text_column, p.columns_json, p.created_at, l.position, l.name, l.code, p.hidden_columns_json
                     from project p left join project_label l on l.project_id = p.id
                     where p.slug = ? order by l.position""")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (project == null) {
                        project = new Project();
                        project.id = rs.getLong(1);
                        project.slug = rs.getString(2);
                        project.name = rs.getString(3);
                        project.modality = Project.Modality.valueOf(rs.getString(4));
                        project.overlap = rs.getInt(5);
                        project.agreementThreshold = rs.getDouble(6);
                        project.restricted = rs.getBoolean(7);
                        project.keyColumn = rs.getString(8);
                        project.textColumn = rs.getString(9);
                        project.columnsJson = rs.getString(10);
                        project.createdAt = rs.getTimestamp(11).toInstant();
                        project.hiddenColumnsJson = rs.getString(15);
                    }
                    String label = rs.getString(13);
                    if (label != null) {
                        ProjectLabel l = new ProjectLabel();
                        l.project = project;
                        l.position = rs.getInt(12);
                        l.name = label;
                        l.code = rs.getString(14);
                        project.labels.add(l);
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read project '" + slug + "'", e);
        }
        return project;
    }

    /** A value read once per transaction (kept with it, null included); outside one, read each time. */
    @SuppressWarnings("unchecked")
    private <T> T inTransaction(String key, java.util.function.Supplier<T> read) {
        if (transactions.getTransactionKey() == null) return read.get();
        Object kept = transactions.getResource(key);
        if (kept == null) {
            kept = Optional.ofNullable(read.get());
            transactions.putResource(key, kept);
        }
        return ((Optional<T>) kept).orElse(null);
    }

    public boolean canSee(Project project) {
        if (me.has(User.Role.ADMIN)) return true;
        if (!me.has(User.Role.SME) && !me.has(User.Role.LABELER)) return false;
        return open(project, me.id(), false);
    }

    /** Whether the project is open to this user (a labeler or SME): admins see all, members see a restricted one. */
    private boolean open(Project project, long userId, boolean admin) {
        return admin || !project.restricted || isMember(project.id, userId);
    }

    public List<Project> visibleProjects() {
        List<Project> all = Project.list("order by name");
        return all.stream().filter(this::canSee).toList();
    }

    public boolean isMember(long projectId, long userId) {
        Number n = (Number) em.createNativeQuery("select count(*) from project_member where project_id = ?1 and user_id = ?2")
                .setParameter(1, projectId).setParameter(2, userId).getSingleResult();
        return n.longValue() > 0;
    }

    public List<String> members(long projectId) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select u.username from project_member m join app_user u on u.id = m.user_id where m.project_id = ?1 order by u.username")
                .setParameter(1, projectId).getResultList();
        return names;
    }

    @Transactional
    public void addMember(String slug, String username) {
        Project project = visible(slug);
        User user = User.findByUsername(username).filter(u -> !u.external)
                .orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
        if (!project.restricted) {
            // The first explicit member turns an open project into a members-only one.
            project.restricted = true;
        }
        if (!isMember(project.id, user.id)) addMember(project, user);
    }

    @Transactional
    public void removeMember(String slug, String username) {
        Project project = visible(slug);
        User user = User.findByUsername(username).orElseThrow(() -> new DomainException.NotFound("No user '" + username + "'."));
        int removed = em.createNativeQuery("delete from project_member where project_id = ?1 and user_id = ?2")
                .setParameter(1, project.id).setParameter(2, user.id).executeUpdate();
        if (removed == 0) throw new DomainException.NotFound("'" + username + "' is not a member of '" + slug + "'.");
    }

    private void addMember(Project project, User user) {
        em.createNativeQuery("insert into project_member (project_id, user_id) values (?1, ?2)")
                .setParameter(1, project.id).setParameter(2, user.id).executeUpdate();
    }

    // ---- progress ------------------------------------------------------------------------------

    /**
     * Progress counts. {@code openReviews} is null for a caller who is neither SME nor ADMIN: whether an
     * example is flagged depends on the other labelers' answers, and a labeler learns nothing of those
     * before the SME resolves it (a count that rises when one's own answer disagreed would tell them).
     */
    public record Counts(long examples, long labels, long completeExamples, Long openReviews) {}

    public Counts counts(Project project) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select (select count(*) from example e where e.project_id = ?1),
                       (select count(*) from label l where l.project_id = ?1),
                       (select count(*) from example_queue q where q.project_id = ?1 and q.round_labels >= ?2),
                       (select count(*) from review r where r.project_id = ?1 and r.status = ?3)
                from project where id = ?1""")
                .setParameter(1, project.id).setParameter(2, project.overlap).setParameter(3, ReviewStatus.OPEN.name()).getSingleResult();
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), me.isStaff() ? Long.valueOf(((Number) row[3]).longValue()) : null);
    }

    /** One labeler's share of the work, for the staff overview. */
    public record LabelerProgress(String labeler, long labels, long uncertain, boolean external) {}

    public List<LabelerProgress> labelerProgress(long projectId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select u.username, count(*), sum(case when l.label_value = ?2 then 1 else 0 end), u.external
                from label l join app_user u on u.id = l.labeler_id
                where l.project_id = ?1 group by u.username, u.external order by count(*) desc, u.username""")
                .setParameter(1, projectId).setParameter(2, Project.UNCERTAIN).getResultList();
        return rows.stream().map(r -> new LabelerProgress((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), Boolean.TRUE.equals(r[3]))).toList();
    }

    /** The newest dataset version of the project, or null. */
    public Integer latestDatasetVersion(long projectId) {
        Object v = em.createNativeQuery("select max(version) from dataset_version where project_id = ?1")
                .setParameter(1, projectId).getSingleResult();
        return v == null ? null : ((Number) v).intValue();
    }

    /** Labels the given user has made in the project (all rounds). */
    public long labelsBy(long projectId, long userId) {
        return ((Number) em.createNativeQuery("select count(*) from label where project_id = ?1 and labeler_id = ?2")
                .setParameter(1, projectId).setParameter(2, userId).getSingleResult()).longValue();
    }
}
