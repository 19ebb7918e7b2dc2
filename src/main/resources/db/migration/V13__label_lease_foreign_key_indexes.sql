-- Every label a labeler stores writes one entry in each index of label, and takes (and gives back)
-- a lease row with one entry in each index of lease: these entries are a large part of each
-- labeling commit (BENCHMARKS.md). H2 gives a foreign key an index of its own unless an index on
-- exactly its columns exists when the key is created. V1 declared the keys inside CREATE TABLE,
-- before any index, so
-- - lease had ix_lease_labeler (labeler_id) and a second, identical index for its key to app_user;
-- - label had an index for its key to project that nothing reads: the label's example already
--   names the project, examples are never moved or deleted on their own, and a project's
--   examples (and with them their labels) go with it through example's own key to project.
-- Both tables are made again: lease with its key to app_user added after ix_lease_labeler, which
-- H2 then uses for it (five indexes to four); label without the key to project (seven to six).
-- PostgreSQL never indexes a foreign key by itself; there only label's redundant key goes.
-- Constraints are named, so the new tables' cannot meet the old ones' (PostgreSQL names an
-- unnamed primary key after its table).

create table label_v13 (
    id            bigint        not null,
    project_id    bigint        not null,
    example_id    bigint        not null,
    labeler_id    bigint        not null,
    label_round   integer       not null default 1,
    label_value   varchar(64)   not null,
    guide_version integer,
    comment       varchar(2000),
    duration_ms   bigint,
    created_at    timestamp     not null,
    updated_at    timestamp     not null,
    constraint pk_label primary key (id)
);
insert into label_v13 (id, project_id, example_id, labeler_id, label_round, label_value, guide_version, comment, duration_ms, created_at, updated_at)
    select id, project_id, example_id, labeler_id, label_round, label_value, guide_version, comment, duration_ms, created_at, updated_at from label;
drop table label;
alter table label_v13 rename to label;
alter table label add constraint uq_label unique (example_id, labeler_id, label_round);
create index ix_label_agreement on label (project_id, example_id, labeler_id, label_round, guide_version, label_value);
create index ix_label_labeler on label (labeler_id, project_id);
alter table label add constraint fk_label_example foreign key (example_id) references example (id) on delete cascade;
alter table label add constraint fk_label_labeler foreign key (labeler_id) references app_user (id);

create table lease_v13 (
    id          bigint     not null,
    example_id  bigint     not null,
    labeler_id  bigint     not null,
    label_round integer    not null,
    expires_at  timestamp  not null,
    constraint pk_lease primary key (id)
);
insert into lease_v13 (id, example_id, labeler_id, label_round, expires_at)
    select id, example_id, labeler_id, label_round, expires_at from lease;
drop table lease;
alter table lease_v13 rename to lease;
alter table lease add constraint uq_lease unique (example_id, labeler_id, label_round);
create index ix_lease_labeler on lease (labeler_id);
alter table lease add constraint fk_lease_example foreign key (example_id) references example (id) on delete cascade;
alter table lease add constraint fk_lease_labeler foreign key (labeler_id) references app_user (id);
