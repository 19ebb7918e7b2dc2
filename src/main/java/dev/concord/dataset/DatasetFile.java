package dev.concord.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One file of a dataset version, with the SHA-256 and size of its bytes. */
@Entity
@Table(name = "dataset_file")
public class DatasetFile extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "dataset_file_seq", sequenceName = "dataset_file_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dataset_file_seq")
    public Long id;

    @Column(name = "dataset_version_id")
    public Long datasetVersionId;

    public String name;
    public String sha256;
    public long size;

    @Column(name = "content_type")
    public String contentType;
}
