package dev.concord.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** The audit trail of a review: every flag, change of reasons, resolution and reopening. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "review_event_seq", sequenceName = "review_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "review_event_seq")
    public Long id;

    @Column(name = "review_id")
    public Long reviewId;

    @Column(name = "actor_id")
    public Long actorId;

    public String action;

    @Column(name = "label_value")
    public String label;

    public String rationale;
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    static void record(Review review, Long actor, String action, String label, String rationale) {
        ReviewEvent e = new ReviewEvent();
        e.reviewId = review.id;
        e.actorId = actor;
        e.action = action;
        e.label = label;
        e.rationale = rationale;
        e.version = review.version;
        e.createdAt = Instant.now();
        e.persist();
    }
}
