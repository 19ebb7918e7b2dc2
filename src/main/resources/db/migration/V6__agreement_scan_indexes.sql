-- Agreement scan (issue 4): the dashboard streams every label of a project in example order.
-- A covering index serves that scan from the index alone, already sorted, without touching the
-- wide label rows; it starts with (project_id, example_id), so it replaces ix_label_project.
create index ix_label_agreement on label (project_id, example_id, labeler_id, label_round, guide_version, label_value);
drop index ix_label_project;
-- Examples of a project in id order, merged with that scan for metadata slices.
create index ix_example_project_id on example (project_id, id);
