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

/** An example handed out to a labeler and not yet labeled; it returns to the pool when it expires. */
@Entity
@Table(name = "lease")
public class Lease extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "lease_seq", sequenceName = "lease_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lease_seq")
    public Long id;

    @Column(name = "example_id")
    public Long exampleId;

    @Column(name = "labeler_id")
    public Long labelerId;

    @Column(name = "label_round")
    public int round;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
