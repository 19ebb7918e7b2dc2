-- The queue's scan (LabelQueue.ELIGIBLE) reads examples in ix_example_queue order and, for each,
-- needs its current round (to test its labels, leases and review) and its key. With only
-- (project_id, round_labels, shuffle) in the index, H2 fetched every scanned example's whole row,
-- payload included, from the table: most of the scan's time under load (BENCHMARKS.md). With the
-- round and the key in the index the scan reads the index alone.
drop index ix_example_queue;
create index ix_example_queue on example (project_id, round_labels, shuffle, label_round, ex_key);
