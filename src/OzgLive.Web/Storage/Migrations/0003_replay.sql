-- Replay pages: the transcript frozen when an event ends, follow-up answers, privacy review, retention.

-- Seconds of recording before the stream start (negative: the recording began after it). Recording
-- position = seconds since stream start + this offset, so organisers can line up a recording cut later.
ALTER TABLE events ADD COLUMN replay_offset_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN published_utc TEXT NULL;
-- After how many days after the event askers' names and organisations leave the archive; NULL keeps them.
ALTER TABLE events ADD COLUMN retention_days INTEGER NULL
    CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 3650);
-- When retention removed them (so it runs once and the replay page can say so).
ALTER TABLE events ADD COLUMN names_removed_utc TEXT NULL;

-- The asker's private link to their question (no account): random, unguessable, unique.
ALTER TABLE questions ADD COLUMN follow_key TEXT NULL;
CREATE UNIQUE INDEX ux_questions_follow_key ON questions(follow_key) WHERE follow_key IS NOT NULL;

-- One per ended event, written in the same transaction as the clock's EndEvent fact.
CREATE TABLE transcripts (
    event_id               INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    frozen_utc             TEXT    NOT NULL,
    stream_started_utc     TEXT    NOT NULL,
    stream_ended_utc       TEXT    NOT NULL,
    -- Moderation made visible: counts at the end of the event, never the rejected texts.
    received               INTEGER NOT NULL,
    not_reviewed           INTEGER NOT NULL,
    merged                 INTEGER NOT NULL,
    rejected_offtopic      INTEGER NOT NULL,
    rejected_duplicate     INTEGER NOT NULL,
    rejected_personaldata  INTEGER NOT NULL,
    rejected_abusive       INTEGER NOT NULL,
    rejected_other         INTEGER NOT NULL,
    -- Bumped by every change after freezing (review, answers): the replay page's ETag.
    version                INTEGER NOT NULL DEFAULT 1
);

-- The blocks as held: their chapters in the recording. Seconds are relative to the stream start.
CREATE TABLE transcript_chapters (
    event_id       INTEGER NOT NULL REFERENCES transcripts(event_id) ON DELETE CASCADE,
    block_number   INTEGER NOT NULL,
    title          TEXT    NOT NULL,
    start_seconds  INTEGER NOT NULL,
    end_seconds    INTEGER NOT NULL,
    PRIMARY KEY (event_id, block_number)
);

-- Approved questions at the end: answered live, or open (to be answered in writing afterwards).
CREATE TABLE transcript_questions (
    id                 INTEGER PRIMARY KEY,
    event_id           INTEGER NOT NULL REFERENCES transcripts(event_id) ON DELETE CASCADE,
    question_id        INTEGER NOT NULL UNIQUE REFERENCES questions(id) ON DELETE CASCADE,
    block_number       INTEGER NULL,
    text               TEXT    NOT NULL,
    display_name       TEXT    NULL,
    organisation       TEXT    NULL,
    votes              INTEGER NOT NULL,
    -- Relative to the stream start; negative when asked before it.
    asked_seconds      INTEGER NOT NULL,
    staged_seconds     INTEGER NULL,
    -- Set when answered live; NULL for questions still open at the end.
    answered_seconds   INTEGER NULL,
    -- A written answer: given with "answered" during the broadcast, or afterwards as a follow-up.
    answer_text        TEXT    NULL,
    answer_by          TEXT    NULL,
    answer_utc         TEXT    NULL,
    answer_published   INTEGER NOT NULL DEFAULT 0,
    -- Privacy review before publishing.
    hidden             INTEGER NOT NULL DEFAULT 0,
    name_removed       INTEGER NOT NULL DEFAULT 0,
    text_edited        INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    updated_utc        TEXT    NOT NULL
);
CREATE INDEX ix_transcript_questions_event ON transcript_questions(event_id, block_number, id);
