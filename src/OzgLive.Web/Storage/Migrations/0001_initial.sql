-- Series, events, topic blocks and speakers; the clock's facts; organiser and moderator accounts.
-- Times are ISO-8601 UTC text ('2026-03-31T08:00:00.000Z'): readable in any SQLite shell and sortable.

CREATE TABLE series (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    created_utc  TEXT    NOT NULL
);

CREATE TABLE events (
    id                   INTEGER PRIMARY KEY,
    series_id            INTEGER NOT NULL REFERENCES series(id) ON DELETE RESTRICT,
    slug                 TEXT    NOT NULL UNIQUE,
    title                TEXT    NOT NULL,
    description          TEXT    NOT NULL DEFAULT '',
    scheduled_start_utc  TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'scheduled', 'live', 'ended', 'published')),
    live_video_id        TEXT    NULL,
    replay_video_id      TEXT    NULL,
    moderator_name       TEXT    NOT NULL DEFAULT '',
    auto_advance         INTEGER NOT NULL DEFAULT 0,
    -- Per-event sequence number of the last change sent to live clients (see docs/hub-protocol.md).
    seq                  INTEGER NOT NULL DEFAULT 0,
    created_utc          TEXT    NOT NULL,
    updated_utc          TEXT    NOT NULL
);
CREATE INDEX ix_events_series ON events(series_id, scheduled_start_utc);

CREATE TABLE blocks (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT    NOT NULL,
    description      TEXT    NOT NULL DEFAULT '',
    planned_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (planned_minutes BETWEEN 5 AND 120),
    video_id         TEXT    NULL,
    UNIQUE (event_id, position)
);

CREATE TABLE speakers (
    id            INTEGER PRIMARY KEY,
    block_id      INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL DEFAULT '',
    organisation  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX ix_speakers_block ON speakers(block_id, position);

-- The clock is derived from these facts alone: each accepted command with its timestamp.
CREATE TABLE clock_facts (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at_utc        TEXT    NOT NULL,
    command       TEXT    NOT NULL,
    block_number  INTEGER NULL,
    minutes       INTEGER NULL,
    actor         TEXT    NOT NULL
);
CREATE INDEX ix_clock_facts_event ON clock_facts(event_id, id);

CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY,
    email              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name       TEXT    NOT NULL,
    role               TEXT    NOT NULL CHECK (role IN ('organiser', 'moderator')),
    password_hash      TEXT    NOT NULL,
    failed_logins      INTEGER NOT NULL DEFAULT 0,
    locked_until_utc   TEXT    NULL,
    created_utc        TEXT    NOT NULL
);

CREATE TABLE event_moderators (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, account_id)
);
