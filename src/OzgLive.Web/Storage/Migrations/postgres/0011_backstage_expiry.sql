-- PostgreSQL twin of Storage/Migrations/0011_backstage_expiry.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- Backstage notes expire: at the next block (the default, and what every earlier note meant), or
-- at a time the moderator picked when sending. Expiring dismisses the note, as a moderator would.
ALTER TABLE backstage_messages ADD COLUMN until_next_block BIGINT NOT NULL DEFAULT 1;
ALTER TABLE backstage_messages ADD COLUMN expires_utc TEXT NULL;

-- The clock's ticker looks every second for notes whose time is up, across all events.
CREATE INDEX ix_backstage_expiry ON backstage_messages(expires_utc) WHERE dismissed_utc IS NULL AND expires_utc IS NOT NULL;
