-- A review belongs to one labeling round of an example: a consistency round after a guide change
-- starts a fresh review, and the earlier round's review (and its resolution) stays as history.
alter table review add column label_round integer default 1 not null;
alter table review drop constraint uq_review_example;
alter table review add constraint uq_review_example_round unique (example_id, label_round);
