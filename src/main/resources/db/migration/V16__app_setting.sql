-- Facts the application records about its own database, one row each. 'demo-seeded': the demo
-- users (whose password is public) were created here, so a start without CONCORD_DEMO=true refuses.
create table app_setting (
    name          varchar(100)  not null primary key,
    setting_value varchar(1000) not null
);

-- A database seeded before this table existed: all six demo users are there.
insert into app_setting (name, setting_value)
select 'demo-seeded', 'true' from app_user
where username in ('sam', 'alice', 'bob', 'carol', 'dave', 'erin')
having count(*) = 6;
