package dev.concord.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One label of a project's label set, in order, with an optional code (e.g. spam = "1"). */
@Entity
@Table(name = "project_label")
public class ProjectLabel extends PanacheEntityBase {
    @Id
    @SequenceGenerator(name = "project_label_seq", sequenceName = "project_label_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_label_seq")
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    public Project project;

    public int position;
    public String name;
    public String code;
}
