-- The event's state version (EventChange.StateVersion): read and raised inside the event's write
-- transaction, so that several app nodes agree on it and a clock command stored by one node is seen
-- by the next question another node takes (Questions/QuestionIntake.cs). It was kept in each
-- process's memory before. A row of its own beside the event's (none means 0), so that raising it
-- touches no column the event's readers use.
CREATE TABLE event_state_versions (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
);
