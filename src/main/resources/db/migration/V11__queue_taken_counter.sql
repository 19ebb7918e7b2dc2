-- The queue's scan (LabelQueue.ELIGIBLE) walked each level of round_labels in shuffled order and,
-- for every example, counted its live leases to pass over the ones other labelers hold: under 64
-- concurrent labelers most of the rows at the front of each level are leased, and that test was a
-- third of the writer's time (BENCHMARKS.md). taken = labels of the current round + lease rows of
-- the example, kept by every statement that adds or removes either (LabelQueue, ReviewService,
-- AnnotationImporter) under the example's row lock. The scan walks levels of taken, so a leased
-- example is simply at a higher level. An expired lease still counts until it is swept
-- (LabelQueue.sweep), which gives its slot back.
-- Every lease row belongs to its example's current round: a new round deletes the example's leases
-- under its row lock. Older databases may hold stale ones; they go here.
delete from lease l where l.label_round <> (select e.label_round from example e where e.id = l.example_id);
alter table example add column taken integer default 0 not null;
update example e set taken = e.round_labels + (select count(*) from lease l where l.example_id = e.id);
drop index ix_example_queue;
create index ix_example_queue on example (project_id, taken, shuffle, label_round, ex_key);
