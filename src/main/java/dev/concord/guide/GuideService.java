package dev.concord.guide;

import dev.concord.base.DomainException;
import dev.concord.example.Example;
import dev.concord.project.Project;
import dev.concord.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Adds label-guide versions: numbered n+1 under the project's row lock, so numbers never collide. */
@ApplicationScoped
public class GuideService {
    static final int MAX_MARKDOWN = 200_000;

    private final EntityManager em;
    private final CurrentUser me;

    public GuideService(EntityManager em, CurrentUser me) {
        this.em = em;
        this.me = me;
    }

    @Transactional
    public GuideVersion add(Project project, String markdown, String note, String exampleKey) {
        if (markdown == null || markdown.isBlank()) throw new DomainException.BadInput("The guide needs some Markdown.");
        if (markdown.length() > MAX_MARKDOWN) throw new DomainException.BadInput("A guide has at most " + MAX_MARKDOWN + " characters.");
        if (note != null && note.length() > 1000) throw new DomainException.BadInput("A note has at most 1000 characters.");
        if (exampleKey != null && !exampleKey.isBlank() && Example.findByKey(project.id, exampleKey).isEmpty()) {
            throw new DomainException.BadInput("No example '" + exampleKey + "' in this project to link as a worked case.");
        }
        em.find(Project.class, project.id, LockModeType.PESSIMISTIC_WRITE);
        GuideVersion g = new GuideVersion();
        g.projectId = project.id;
        g.version = GuideVersion.currentVersion(project.id) + 1;
        g.markdown = markdown;
        g.note = note == null || note.isBlank() ? null : note.strip();
        g.exampleKey = exampleKey == null || exampleKey.isBlank() ? null : exampleKey;
        g.authorId = me.id();
        g.createdAt = Instant.now();
        g.persist();
        return g;
    }
}
