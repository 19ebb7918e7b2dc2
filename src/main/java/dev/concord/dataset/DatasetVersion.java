package dev.concord.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A released dataset version. Never changes once made; its manifest is kept as JSON. */
@Entity
@Table(name = "dataset_version")
public class DatasetVersion extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "dataset_version_seq", sequenceName = "dataset_version_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dataset_version_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    public int version;

    @Column(name = "guide_version")
    public Integer guideVersion;

    public String spec;
    public String manifest;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
