package dev.concord.review;

import dev.concord.base.ReviewStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A flagged example on its way to an SME. {@code version} goes up with every change; a resolution
 * must name the version the SME saw, so two SMEs can never silently overwrite each other.
 */
@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {
    /** Why an example needs an SME; the API and the pages show {@link #apiName()}. */
    public enum Reason {
        DISAGREEMENT("disagreement"), UNCERTAIN("uncertain"), LOW_AGREEMENT("low-agreement"),
        /** A model's prediction contradicts the released label, and staff asked an SME to check the label (error analysis). */
        MODEL("model");

        private final String apiName;

        Reason(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        /** How pages name it: "low agreement", "model disagrees". */
        public String displayName() {
            return this == MODEL ? "model disagrees" : apiName.replace('-', ' ');
        }

        /** Whether labels decide it (flags follow the round's labels); {@code model} stays until the SME resolves. */
        public boolean fromLabels() {
            return this != MODEL;
        }

        public static Optional<Reason> parse(String apiName) {
            return Arrays.stream(values()).filter(r -> r.apiName.equals(apiName)).findFirst();
        }

        /** The names a person may give, for messages. */
        public static String choices() {
            return Arrays.stream(values()).map(Reason::apiName).collect(Collectors.joining(", "));
        }
    }

    /** Stores a set of reasons as their names, comma-separated, in the enum's order ('' for none). */
    @Converter
    public static class ReasonsColumn implements AttributeConverter<Set<Reason>, String> {
        @Override
        public String convertToDatabaseColumn(Set<Reason> reasons) {
            return reasons == null ? "" : reasons.stream().map(Reason::apiName).collect(Collectors.joining(","));
        }

        @Override
        public Set<Reason> convertToEntityAttribute(String column) {
            EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
            if (column == null || column.isEmpty()) return reasons;
            for (String name : column.split(",")) Reason.parse(name).ifPresent(reasons::add);
            return reasons;
        }
    }

    @Id
    @SequenceGenerator(name = "review_seq", sequenceName = "review_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "review_seq")
    public Long id;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "example_id")
    public Long exampleId;

    @Enumerated(EnumType.STRING)
    public ReviewStatus status;

    /** Why it was flagged (empty once nothing is left to review). Replaced, never changed in place. */
    @Convert(converter = ReasonsColumn.class)
    public Set<Reason> reasons = EnumSet.noneOf(Reason.class);

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
        return reasons.stream().map(Reason::apiName).toList();
    }

    public static Optional<Review> forExample(long exampleId, int round) {
        return find("exampleId = ?1 and round = ?2", exampleId, round).firstResultOptional();
    }
}
