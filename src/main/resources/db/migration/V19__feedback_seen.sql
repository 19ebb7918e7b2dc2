-- Which resolutions a labeler has seen on their feedback page: one row per (labeler, review) with
-- the review's version at the time. A re-resolution raises the version, so it counts as news again.
-- Kept in the database (not in a JVM) because several app instances may serve the same labeler.
create table feedback_seen (
    user_id        bigint  not null references app_user (id) on delete cascade,
    review_id      bigint  not null references review (id) on delete cascade,
    review_version integer not null,
    constraint pk_feedback_seen primary key (user_id, review_id)
);
create index ix_feedback_seen_review on feedback_seen (review_id);
