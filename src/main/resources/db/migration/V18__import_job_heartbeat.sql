-- A running import job says it is alive every few seconds (ImportRecovery). A job whose
-- instance died (kill -9, a crash) stops beating; any instance then marks it failed and removes
-- its upload, instead of leaving it RUNNING forever.
alter table import_job add column heartbeat_at timestamp;
