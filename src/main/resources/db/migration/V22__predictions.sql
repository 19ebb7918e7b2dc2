-- Error analysis: a model's predictions on a released dataset version, many runs per version.
-- A run never changes its version; deleting the version (or the project) deletes its runs.
create sequence prediction_run_seq start with 1 increment by 50;
create table prediction_run (
    id                 bigint        not null primary key,
    project_id         bigint        not null references project (id) on delete cascade,
    dataset_version_id bigint        not null references dataset_version (id) on delete cascade,
    model              varchar(100)  not null,
    predictions        integer       not null,
    created_by         bigint        references app_user (id),
    created_at         timestamp     not null
);
create index ix_prediction_run_version on prediction_run (dataset_version_id);
-- One row per (run, example): the kind's answer as text (single: the label name), and the model's
-- optional score. example_id has no foreign key: a run stays readable whatever happens to the
-- project's examples later, as its released version does.
create table prediction (
    run_id      bigint            not null references prediction_run (id) on delete cascade,
    example_id  bigint            not null,
    prediction  varchar(10000)    not null,
    score       double precision,
    primary key (run_id, example_id)
);
