package dev.concord.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A flagged example on its way to an SME. {@code version} goes up with every change; a resolution
 * must name the version the SME saw, so two SMEs can never silently overwrite each other.
 */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {
    public enum Status { OPEN, RESOLVED }

    public static final String DISAGREEMENT = "disagreement";
    public static final String UNCERTAIN = "uncertain";
    public static final String LOW_AGREEMENT = "low-agreement";

    @Id
    @SequenceGenerator(name = "review_seq", sequenceName = "review_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "review_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "example_id")
    public Long exampleId;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Why it was flagged, comma-separated: disagreement, uncertain, low-agreement. */
    public String reasons;

    public String resolution;
    public String rationale;

    @Column(name = "resolved_by")
    public Long resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public int version;

    /** The labeling round of the example this review is about. */
    @Column(name = "label_round")
    public int round = 1;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> reasonList() {
        return reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(","));
    }

    public static Optional<Review> forExample(long exampleId, int round) {
        return find("exampleId = ?1 and round = ?2", exampleId, round).firstResultOptional();
    }
}
