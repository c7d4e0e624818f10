-- PostgreSQL twin of Storage/Migrations/0004_speaker_links.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- The speakers' follow-up link (/events/{slug}/nachbereitung?key=…): speakers have no accounts, so
-- whoever holds the event's current key may answer its open questions in writing. NULL = no link
-- (never made, or revoked); a new key replaces the old one, which then stops working.
ALTER TABLE events ADD COLUMN speaker_key TEXT NULL;
CREATE UNIQUE INDEX ux_events_speaker_key ON events(speaker_key) WHERE speaker_key IS NOT NULL;
