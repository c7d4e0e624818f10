-- PostgreSQL twin of Storage/Migrations/0012_series_partner_origins.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- The partner sites of a whole series: they may frame the embed of every event in it, in addition
-- to each event's own list (event_partner_origins).
CREATE TABLE series_partner_origins (
    series_id  BIGINT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    origin     TEXT    NOT NULL,
    PRIMARY KEY (series_id, origin)
);
