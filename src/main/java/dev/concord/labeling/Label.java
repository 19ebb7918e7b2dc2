package dev.concord.labeling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One labeler's answer for one example in one round: a label name of the project, or "uncertain". */
@Entity
@Table(name = "label")
public class Label extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "label_seq", sequenceName = "label_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "label_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "example_id")
    public Long exampleId;

    @Column(name = "labeler_id")
    public Long labelerId;

    @Column(name = "label_round")
    public int round = 1;

    @Column(name = "label_value")
    public String value;

    /** The label-guide version in force when the label was made. */
    @Column(name = "guide_version")
    public Integer guideVersion;

    public String comment;

    /** Time the labeler spent on the example, as measured by the page. */
    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
