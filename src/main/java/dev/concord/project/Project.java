package dev.concord.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A labeling project: what is labeled (modality), with which labels, by how many labelers each. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {
    /** The label every project accepts for truly ambiguous inputs; never part of the label set. */
    public static final String UNCERTAIN = "uncertain";

    @Id
    @SequenceGenerator(name = "project_seq", sequenceName = "project_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_seq")
    public Long id;

    public String slug;
    public String name;

    @Enumerated(EnumType.STRING)
    public Modality modality;

    /** How many different labelers label each example. */
    public int overlap;

    /** Share of labels equal to the majority under which a complete example is flagged for review. */
    @Column(name = "agreement_threshold")
    public double agreementThreshold;

    /** False: every LABELER and SME may work on it (a course cohort). True: only members. */
    public boolean restricted;

    @Column(name = "key_column")
    public String keyColumn;

    @Column(name = "text_column")
    public String textColumn;

    /** Row/text projects: the imported column names in their original order, as a JSON array. */
    @Column(name = "columns_json")
    public String columnsJson;

    /** Row/text projects: columns labelers never see (they stay in the data and the exports), as a JSON array; null for none. */
    @Column(name = "hidden_columns_json")
    public String hiddenColumnsJson;

    @Column(name = "created_at")
    public Instant createdAt;

    @OneToMany(mappedBy = "project", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<ProjectLabel> labels = new ArrayList<>();

    public static Optional<Project> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public List<String> labelNames() {
        return labels.stream().map(l -> l.name).toList();
    }

    /**
     * True for a name of the label set or {@value #UNCERTAIN}. A project's label set never changes
     * once it is created (ProjectService.create is its only writer), so the names are kept per
     * project (id and creation time) instead of being loaded for every label stored; nothing that
     * can change, and nothing another instance could change, is kept.
     */
    public boolean accepts(String label) {
        if (label == null) return false; // (an immutable set's contains(null) throws)
        if (UNCERTAIN.equals(label)) return true;
        if (id == null) return labelNames().contains(label);
        if (LABEL_SETS.size() > 10_000) LABEL_SETS.clear();
        return LABEL_SETS.computeIfAbsent(new LabelSetKey(id, createdAt), k -> Set.copyOf(labelNames())).contains(label);
    }

    /** Why {@code label} is refused, in words a person can act on (see {@link #accepts}). */
    public String notALabel(String label) {
        return "'" + label + "' is not one of this project's labels " + labelNames() + " or '" + UNCERTAIN + "'.";
    }

    private static final Map<LabelSetKey, Set<String>> LABEL_SETS = new ConcurrentHashMap<>();

    private record LabelSetKey(long id, Instant createdAt) {}

    public boolean isMedia() {
        return modality == Modality.IMAGE || modality == Modality.AUDIO;
    }

    public enum Modality {
        IMAGE, AUDIO, ROW, TEXT;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Modality> parse(String value) {
            if (value == null) return Optional.empty();
            for (Modality m : values()) {
                if (m.apiName().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) return Optional.of(m);
            }
            return Optional.empty();
        }
    }
}
