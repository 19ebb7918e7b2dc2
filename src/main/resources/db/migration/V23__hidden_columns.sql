-- Columns staff keep from labelers (e.g. the course CSV's CLASS, which is the answer): stored with
-- the data and exported, never shown to a labeler. A JSON list of column names; null: none.
alter table project add column hidden_columns_json varchar(200000);
