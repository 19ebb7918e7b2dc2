-- Dataset release of 200,000 examples in seconds (see BENCHMARKS.md). A release used to write one
-- dataset_example row and, for each newly released example, one example_split row: 400,000 rows
-- in one transaction for a first release of 200,000 examples, which alone took longer than the
-- whole target on H2. Now each version stores its snapshot compactly in chunks of a few thousand
-- examples (deflated, base64; see dev.concord.dataset.Snapshot): every example that has a split
-- (released in this version or before), its split and first version, and, when released, its
-- label, source and agreement. The previous version's snapshot gives the stable splits and the
-- diff. dataset_example and example_split are kept for versions released before this migration
-- (read when the previous version has no snapshot) and are no longer written.
create table dataset_snapshot (
    dataset_version_id bigint            not null references dataset_version (id) on delete cascade,
    chunk              integer           not null,
    entries            integer           not null,
    data               varchar(1000000)  not null,
    primary key (dataset_version_id, chunk)
);
-- The release's label scan merges the labels (ix_label_agreement) with each example's current
-- round, read from this index alone, in id order.
create index ix_example_round on example (project_id, id, label_round);
-- The files are written in import order: one ordered pass over the project's examples.
create index ix_example_position on example (project_id, position);
