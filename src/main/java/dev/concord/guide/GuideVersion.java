package dev.concord.guide;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One version of a project's label guide (Markdown). Versions only ever get added. */
@Entity
@Table(name = "guide_version")
public class GuideVersion extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "guide_version_seq", sequenceName = "guide_version_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guide_version_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    public int version;
    public String markdown;
    public String note;

    @Column(name = "author_id")
    public Long authorId;

    /** The example a review linked as a worked case for this version, if any. */
    @Column(name = "example_key")
    public String exampleKey;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<GuideVersion> latest(long projectId) {
        return find("projectId = ?1 order by version desc", projectId).firstResultOptional();
    }

    public static Optional<GuideVersion> find(long projectId, int version) {
        return find("projectId = ?1 and version = ?2", projectId, version).firstResultOptional();
    }

    public static List<GuideVersion> history(long projectId) {
        return list("projectId = ?1 order by version desc", projectId);
    }

    /** The version labels are made under now (0 when a project has no guide yet). */
    public static int currentVersion(long projectId) {
        Integer v = getEntityManager().createQuery("select max(g.version) from GuideVersion g where g.projectId = ?1", Integer.class)
                .setParameter(1, projectId).getSingleResult();
        return v == null ? 0 : v;
    }
}
