-- ix_example_project_id (project_id, id) is a prefix of ix_example_round (project_id, id, label_round),
-- which serves every query it served (the agreement's and the release's scans in id order). An
-- index less is an index entry less to write per imported example, and a B-tree less for H2 to
-- rewrite when a large import commits (BENCHMARKS.md, "Imports").
drop index ix_example_project_id;
