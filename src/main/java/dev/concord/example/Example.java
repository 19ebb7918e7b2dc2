package dev.concord.example;

import dev.concord.base.DomainException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One thing to label: a row or text (payload: its columns as a JSON object, in import order) or a
 * media file (stored content-addressed under its SHA-256). The key is unique in the project.
 */
@Entity
@Table(name = "example")
public class Example extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "example_seq", sequenceName = "example_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "example_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "ex_key")
    public String key;

    /** Import order: the n-th example imported into the project. */
    public int position;

    public String payload;

    @Column(name = "media_sha256")
    public String mediaSha256;

    @Column(name = "media_type")
    public String mediaType;

    @Column(name = "media_name")
    public String mediaName;

    @Column(name = "media_size")
    public Long mediaSize;

    /** Optional metadata (e.g. device, camera) as a JSON object, for agreement slices. */
    public String metadata;

    @Column(name = "content_hash")
    public String contentHash;

    /**
     * The current labeling round; a consistency round after a guide change adds one. The queue's
     * counts for it are in the example's {@link QueueEntry}.
     */
    @Column(name = "label_round")
    public int labelRound = 1;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The import (page import job) that brought it in; null for API and demo imports. */
    @Column(name = "import_job_id")
    public Long importJobId;

    public static Optional<Example> findByKey(long projectId, String key) {
        return find("projectId = ?1 and key = ?2", projectId, key).firstResultOptional();
    }

    /** The project's example with this key, or a 404 saying there is none. */
    public static Example require(long projectId, String key) {
        return findByKey(projectId, key).orElseThrow(() -> notFound(key));
    }

    /** The 404 for a key the project does not have. */
    public static DomainException notFound(String key) {
        return new DomainException.NotFound("No example '" + key + "' in this project.");
    }
}
