-- Which import (from the import page) brought an example in, so staff can take back a wrong
-- import whole. Null for examples imported through the API or by the demo. No foreign key: an
-- import's record may be gone while its examples stay.
alter table example add column import_job_id bigint;
create index ix_example_import_job on example (import_job_id);
