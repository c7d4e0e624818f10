-- The event's state version (EventChange.StateVersion), read and raised inside the event's write
-- transaction so that every app node agrees on it (see the SQLite twin).
CREATE TABLE event_state_versions (
    event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    version  BIGINT NOT NULL
);
