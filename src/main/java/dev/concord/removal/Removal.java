package dev.concord.removal;

import dev.concord.base.DomainException;
import dev.concord.example.Example;
import dev.concord.example.MediaStore;
import dev.concord.example.QueueEntry;
import dev.concord.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Deletes projects and examples. The rows go in one transaction (the schema cascades from example
 * and project to labels, leases, queue rows, reviews and their history, runs of predictions); the
 * media files no example refers to any more go after it commits, so a rolled-back delete never
 * loses a file. Released versions are left alone: their files are copies made at release.
 */
@ApplicationScoped
public class Removal {
    private static final Logger LOG = Logger.getLogger(Removal.class);
    /** Keys per delete request at most. */
    static final int MAX_KEYS = 100_000;

    private final EntityManager em;
    private final MediaStore media;

    Removal(EntityManager em, MediaStore media) {
        this.em = em;
        this.media = media;
    }

    /** Deletes the project and everything in it; its released files stay on disk for the record (see docs/api.md). */
    public void deleteProject(Project project) {
        List<String> files = QuarkusTransaction.requiringNew().call(() -> {
            List<String> shas = mediaOf("select distinct e.mediaSha256 from Example e where e.projectId = ?1 and e.mediaSha256 is not null", project.id);
            int deleted = em.createNativeQuery("delete from project where id = ?1").setParameter(1, project.id).executeUpdate();
            if (deleted == 0) throw new DomainException.NotFound("No project '" + project.slug + "' to delete.");
            return shas;
        });
        dropUnreferenced(files);
        LOG.infof("project '%s' (id %d) deleted", project.slug, project.id);
    }

    /** Deletes the examples with these keys, all or none: an unknown key is a 400 listing each, and nothing is deleted. */
    public int deleteExamples(Project project, Collection<String> keys) {
        if (keys == null || keys.isEmpty()) throw new DomainException.BadInput("Name the examples to delete: {\"keys\": [\"a1\", ...]}.");
        if (keys.size() > MAX_KEYS) throw new DomainException.BadInput("At most " + MAX_KEYS + " keys per request.");
        if (keys.stream().anyMatch(k -> k == null || k.isBlank())) throw new DomainException.BadInput("Every key is a non-empty string.");
        Set<String> unique = new LinkedHashSet<>(keys);
        return delete(() -> {
            List<Example> examples = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String key : unique) Example.findByKey(project.id, key).ifPresentOrElse(examples::add, () -> unknown.add(key));
            if (!unknown.isEmpty()) {
                throw new DomainException.BadInput("Nothing was deleted: " + unknown.size() + " key" + (unknown.size() == 1 ? " is" : "s are")
                        + " not in this project.", unknown.stream().limit(1000).toList());
            }
            return examples;
        });
    }

    /** Deletes every example one import (from the import page) brought in that is still in the project. */
    public int deleteImport(Project project, long importJobId) {
        return delete(() -> Example.list("projectId = ?1 and importJobId = ?2", project.id, importJobId));
    }

    /**
     * Deletes the examples {@code which} finds, in one transaction. Each is locked as every writer
     * of its labels locks it, so a label being stored now either lands before the delete or finds
     * the example gone.
     */
    private int delete(java.util.function.Supplier<List<Example>> which) {
        List<String> files = new ArrayList<>();
        int deleted = QuarkusTransaction.requiringNew().call(() -> {
            List<Example> examples = which.get();
            for (Example e : examples) {
                QueueEntry.lock(e);
                if (e.mediaSha256 != null) files.add(e.mediaSha256);
            }
            List<Long> ids = examples.stream().map(e -> e.id).toList();
            for (int from = 0; from < ids.size(); from += 1000) {
                em.createQuery("delete from Example e where e.id in ?1").setParameter(1, ids.subList(from, Math.min(ids.size(), from + 1000)))
                        .executeUpdate();
            }
            return examples.size();
        });
        dropUnreferenced(files);
        return deleted;
    }

    /** Removes the media files that no example of any project refers to any more. */
    private void dropUnreferenced(List<String> shas) {
        for (String sha : new LinkedHashSet<>(shas)) {
            long users = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select count(e) from Example e where e.mediaSha256 = ?1", Long.class).setParameter(1, sha).getSingleResult());
            if (users == 0) media.delete(sha);
        }
    }

    private List<String> mediaOf(String jpql, long projectId) {
        return em.createQuery(jpql, String.class).setParameter(1, projectId).getResultList();
    }
}
