-- What the viewer page shows of an event, as the organiser chooses (issue 12). A row only for events
-- whose organiser changed a setting; no row means the defaults.
-- public_clock: viewers see the running block's remaining time. Off by default, because the anchors
-- keep their timers backstage and viewers should not watch a countdown run out.
CREATE TABLE event_viewer_settings (
    event_id     INTEGER NOT NULL PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    public_clock INTEGER NOT NULL DEFAULT 0
);
