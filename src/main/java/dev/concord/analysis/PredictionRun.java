package dev.concord.analysis;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One upload of a model's predictions on a dataset version; its rows are in table prediction. */
@Entity
@Table(name = "prediction_run")
public class PredictionRun extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "prediction_run_seq", sequenceName = "prediction_run_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "prediction_run_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "dataset_version_id")
    public Long datasetVersionId;

    public String model;

    public int predictions;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
