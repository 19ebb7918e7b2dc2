-- Import jobs for the import page: the uploaded file waits under the data directory while the
-- person previews it; the job row carries progress, so any app instance can report it.
create sequence import_job_seq start with 1 increment by 50;

create table import_job (
    id           bigint        not null primary key,
    project_id   bigint        not null references project (id) on delete cascade,
    kind         varchar(16)   not null,            -- EXAMPLES | ANNOTATIONS
    status       varchar(16)   not null,            -- PREVIEW | RUNNING | DONE | FAILED
    file_name    varchar(255)  not null,
    stored_path  varchar(1000),
    total        integer       not null default 0,
    processed    integer       not null default 0,
    imported     integer       not null default 0,
    message      varchar(2000),
    problems     varchar(1000000),
    created_by   bigint        references app_user (id),
    created_at   timestamp     not null,
    updated_at   timestamp     not null
);
create index ix_import_job_project on import_job (project_id);
