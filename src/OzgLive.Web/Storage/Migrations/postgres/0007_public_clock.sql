-- PostgreSQL twin of Storage/Migrations/0007_public_clock.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- What the viewer page shows of an event, as the organiser chooses (issue 12). A row only for events
-- whose organiser changed a setting; no row means the defaults.
-- public_clock: viewers see the running block's remaining time. Off by default, because the anchors
-- keep their timers backstage and viewers should not watch a countdown run out.
CREATE TABLE event_viewer_settings (
    event_id     BIGINT NOT NULL PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    public_clock BIGINT NOT NULL DEFAULT 0
);
