-- The queue's counters move out of the example row into a narrow row of their own.
-- H2 runs an UPDATE as "remove the old row from every index of the table, add the new one to
-- every index" (Table.updateRows), whether or not an index's columns changed. example has seven
-- indexes (key, position, agreement and dataset scans, the queue), so each change of a counter
-- (a lease taken, a label stored: two per label) rewrote fourteen index entries and dirtied up to a
-- dozen B-tree pages that the commit then serialized; the row lock (FOR UPDATE) also writes a
-- marker into the locked row's table. example_queue has only its primary key (which also serves
-- the foreign key) and the queue's scan index, and its row is the example's lock for every writer
-- of labels, leases and rounds (LabelQueue, ReviewService, AnnotationImporter). BENCHMARKS.md has
-- the figures.
-- label_round is the example's current round (example.label_round), copied here so the scan reads
-- it from the index; the two change together, only when a new round starts (ReviewService).
create table example_queue (
    example_id   bigint       not null primary key,
    project_id   bigint       not null,
    ex_key       varchar(255) not null,
    label_round  integer      not null,
    round_labels integer      not null,  -- labels of the current round
    taken        integer      not null,  -- labels of the current round + lease rows: the queue's level
    shuffle      integer      not null,  -- stable pseudo-random order within a level
    constraint fk_example_queue_example foreign key (example_id) references example (id) on delete cascade
);
insert into example_queue (example_id, project_id, ex_key, label_round, round_labels, taken, shuffle)
    select id, project_id, ex_key, label_round, round_labels, taken, shuffle from example;
drop index ix_example_queue;
create index ix_example_queue on example_queue (project_id, taken, shuffle, label_round, ex_key);
alter table example drop column round_labels;
alter table example drop column taken;
alter table example drop column shuffle;
