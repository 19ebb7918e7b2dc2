-- Accounts created or reset with a one-time password must choose their own at first login.
alter table app_user add column must_change_password boolean not null default false;
-- The login throttle also counts failures per client address (any account).
create index ix_login_attempt_client on login_attempt (client, at);
