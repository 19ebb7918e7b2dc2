-- A row or text project may have up to 1,000 columns of up to 128 characters each
-- (ExampleImporter.MAX_COLUMNS): their JSON list needs up to about 131,000 characters, more than
-- the 4,000 it had. SET DATA TYPE is understood by both H2 and PostgreSQL.
alter table project alter column columns_json set data type varchar(200000);
