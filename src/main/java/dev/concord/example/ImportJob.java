package dev.concord.example;

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

/** An import started from the import page: previewed, then run, with its progress in the database. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {
    public enum Kind { EXAMPLES, ANNOTATIONS }

    public enum Status { PREVIEW, RUNNING, DONE, FAILED }

    @Id
    @SequenceGenerator(name = "import_job_seq", sequenceName = "import_job_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_job_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "file_name")
    public String fileName;

    /** Where the upload waits, under the data directory; null once the job is finished. */
    @Column(name = "stored_path")
    public String storedPath;

    public int total;
    public int processed;
    public int imported;
    public String message;

    /** The bad lines or files of a failed import, as the JSON list of the API's 400 details. */
    public String problems;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The last sign of life of the instance running it (ImportRecovery); null before it runs. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    public int percent() {
        if (status == Status.DONE) return 100;
        return total <= 0 ? 0 : (int) Math.min(100, Math.round(100.0 * processed / total));
    }

    public boolean finished() {
        return status == Status.DONE || status == Status.FAILED;
    }
}
