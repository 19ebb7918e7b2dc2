package dev.concord.labeling;

import dev.concord.base.DomainException;
import dev.concord.example.AnnotationImport;
import dev.concord.example.ExampleImporter.Problem;
import dev.concord.example.TableFile;
import dev.concord.guide.GuideVersion;
import dev.concord.project.Project;
import dev.concord.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;

/**
 * Imports labels made elsewhere (other tools, crowd platforms) from CSV {@code example,labeler,label},
 * all or nothing. Unknown labelers become external labelers, who can never log in.
 */
@ApplicationScoped
public class AnnotationImporter implements AnnotationImport {
    private final EntityManager em;
    private final UserService users;
    private final Event<LabelsChanged> labelsChanged;

    public AnnotationImporter(EntityManager em, UserService users, Event<LabelsChanged> labelsChanged) {
        this.em = em;
        this.users = users;
        this.labelsChanged = labelsChanged;
    }

    private record Row(int line, long exampleId, int round, String labeler, String label) {}

    /** Problems listed in the error body at most; the count says how many there were. */
    static final int MAX_PROBLEMS = 1000;

    @Override
    @Transactional
    public Result importCsv(Project project, Reader reader) {
        // The caller's project may be detached (an import job runs after its request): use a managed one.
        project = em.find(Project.class, project.id);
        Map<String, long[]> examples = new HashMap<>();   // key -> {id, round}
        for (Object[] r : em.createQuery("select e.key, e.id, e.labelRound from Example e where e.projectId = ?1", Object[].class)
                .setParameter(1, project.id).getResultList()) {
            examples.put((String) r[0], new long[] {(Long) r[1], ((Number) r[2]).longValue()});
        }
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Project managed = project;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(TableFile.CSV).get()) {
            List<String> header = parser.getHeaderNames();
            if (!header.containsAll(List.of("example", "labeler", "label"))) {
                throw new DomainException.BadInput("The CSV needs the header 'example,labeler,label'; it has " + header + ".");
            }
            TableFile.forEachCsvRow(parser, (record, line) -> {
                String key = record.get("example");
                String labeler = record.get("labeler");
                String label = record.get("label");
                long[] example = examples.get(key);
                if (example == null) {
                    add(problems, new Problem(line, null, "No example '" + key + "' in this project."));
                } else if (!managed.accepts(label)) {
                    add(problems, new Problem(line, null, managed.notALabel(label)));
                } else if (labeler == null || !UserService.USERNAME.matcher(labeler).matches()) {
                    add(problems, new Problem(line, null, "'" + labeler + "' is not a usable labeler name (letters, digits, '.', '_', '-')."));
                } else if (!seen.add(key + "\u0000" + labeler)) {
                    add(problems, new Problem(line, null, "'" + labeler + "' labels '" + key + "' twice in this file."));
                } else {
                    rows.add(new Row(line, example[0], (int) example[1], labeler, label));
                }
            }, (line, message) -> add(problems, new Problem(line, null, message)));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new DomainException.BadInput("The file is not readable as a CSV with the header 'example,labeler,label'.");
        }
        Map<String, Long> labelerIds = new HashMap<>();
        Set<Long> accounts = new HashSet<>(); // labelers who log in: their labels are theirs, never replaced by a file
        for (Row row : rows) {
            labelerIds.computeIfAbsent(row.labeler(), name -> {
                dev.concord.user.User user = users.externalLabeler(name);
                if (!user.external) accounts.add(user.id);
                return user.id;
            });
        }
        // only the labels of this file's labelers can collide with its rows: those are replaced
        Map<String, Long> existing = new HashMap<>();
        Map<Long, String> storedValue = new HashMap<>();
        if (!labelerIds.isEmpty()) {
            for (Object[] r : em.createQuery("select l.exampleId, l.labelerId, l.round, l.id, l.value from Label l"
                            + " where l.projectId = ?1 and l.labelerId in ?2", Object[].class)
                    .setParameter(1, project.id).setParameter(2, List.copyOf(labelerIds.values())).getResultList()) {
                existing.put(r[0] + "/" + r[1] + "/" + r[2], (Long) r[3]);
                storedValue.put((Long) r[3], (String) r[4]);
            }
        }
        for (Row row : rows) {
            Long labeler = labelerIds.get(row.labeler());
            if (accounts.contains(labeler) && existing.containsKey(row.exampleId() + "/" + labeler + "/" + row.round())) {
                add(problems, new Problem(row.line(), null, "'" + row.labeler() + "' is a person who labels in Concord and already has a"
                        + " label on this example; an import replaces only labels of labelers imported from elsewhere."));
            }
        }
        if (!problems.isEmpty()) {
            String more = problems.size() >= MAX_PROBLEMS ? " (the first " + MAX_PROBLEMS + " are listed)" : "";
            throw new DomainException.BadInput("bad_rows", problems.size() + " line(s) are not valid" + more
                    + "; nothing was imported. Fix them and upload again.", problems);
        }
        int guideVersion = GuideVersion.currentVersion(project.id);
        Instant now = Instant.now();
        Map<Long, Integer> added = new HashMap<>();
        Set<Long> touched = new HashSet<>();
        int replaced = 0;
        for (Row row : rows) {
            touched.add(row.exampleId());
            Long stored = existing.get(row.exampleId() + "/" + labelerIds.get(row.labeler()) + "/" + row.round());
            if (stored != null) {
                // The same answer again is left as it is (its guide version too): importing a file twice changes nothing.
                if (!row.label().equals(storedValue.get(stored))) {
                    em.createQuery("update Label l set l.value = ?1, l.guideVersion = ?2, l.updatedAt = ?3 where l.id = ?4")
                            .setParameter(1, row.label()).setParameter(2, guideVersion).setParameter(3, now).setParameter(4, stored)
                            .executeUpdate();
                }
                replaced++;
                continue;
            }
            Label label = new Label();
            label.projectId = project.id;
            label.exampleId = row.exampleId();
            label.labelerId = labelerIds.get(row.labeler());
            label.round = row.round();
            label.value = row.label();
            label.guideVersion = guideVersion;
            label.createdAt = now;
            label.updatedAt = now;
            em.persist(label);
            added.merge(row.exampleId(), 1, Integer::sum);
        }
        em.flush();
        for (Map.Entry<Long, Integer> e : added.entrySet()) {
            em.createQuery("update QueueEntry q set q.roundLabels = q.roundLabels + ?1, q.taken = q.taken + ?1 where q.exampleId = ?2")
                    .setParameter(1, e.getValue()).setParameter(2, e.getKey()).executeUpdate();
        }
        labelsChanged.fire(new LabelsChanged(project, Set.copyOf(touched)));
        return new Result(rows.size() - replaced, replaced);
    }

    private static void add(List<Problem> problems, Problem problem) {
        if (problems.size() < MAX_PROBLEMS) problems.add(problem);
    }
}
