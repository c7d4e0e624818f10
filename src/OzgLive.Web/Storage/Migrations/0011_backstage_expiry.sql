-- Backstage notes expire: at the next block (the default, and what every earlier note meant), or
-- at a time the moderator picked when sending. Expiring dismisses the note, as a moderator would.
ALTER TABLE backstage_messages ADD COLUMN until_next_block INTEGER NOT NULL DEFAULT 1;
ALTER TABLE backstage_messages ADD COLUMN expires_utc TEXT NULL;

-- The clock's ticker looks every second for notes whose time is up, across all events.
CREATE INDEX ix_backstage_expiry ON backstage_messages(expires_utc) WHERE dismissed_utc IS NULL AND expires_utc IS NOT NULL;
