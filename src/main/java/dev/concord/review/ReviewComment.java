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

/** One message in a review's discussion thread. */
@Entity
@Table(name = "review_comment")
public class ReviewComment extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "review_comment_seq", sequenceName = "review_comment_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "review_comment_seq")
    public Long id;

    @Column(name = "review_id")
    public Long reviewId;

    @Column(name = "author_id")
    public Long authorId;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
