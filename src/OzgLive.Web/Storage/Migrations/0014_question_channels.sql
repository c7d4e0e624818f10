-- Issue 12, the audience on every channel: moderators may record a question from Twitter (X), and
-- the transcript keeps how many questions came in on each channel.

-- questions.source allows 'twitter'. A CHECK constraint cannot be changed in place in SQLite, so the
-- table is rebuilt: a copy with the new constraint, the rows, the old table dropped, the copy
-- renamed, its indexes made again. The migrator runs this with foreign keys off (so dropping the old
-- table deletes no votes, askers or transcript rows through ON DELETE CASCADE) and checks them before
-- it commits. Same columns in the same order as before, so the copy is one INSERT … SELECT *.
CREATE TABLE questions_rebuilt (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    block_number     INTEGER NULL,
    client_id        TEXT    NOT NULL,
    viewer_id        TEXT    NULL,
    text             TEXT    NOT NULL,
    original_text    TEXT    NOT NULL,
    display_name     TEXT    NULL,
    organisation     TEXT    NULL,
    source           TEXT    NOT NULL DEFAULT 'live'
                     CHECK (source IN ('live', 'youtube', 'twitter', 'email', 'phone', 'onsite', 'other')),
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'approved', 'onstage', 'answered', 'rejected', 'withdrawn', 'merged')),
    reject_reason    TEXT    NULL
                     CHECK (reject_reason IS NULL OR reject_reason IN ('offtopic', 'duplicate', 'personaldata', 'abusive', 'other')),
    held_reason      TEXT    NULL,
    pinned           INTEGER NOT NULL DEFAULT 0,
    moderator_order  INTEGER NULL,
    answer_text      TEXT    NULL,
    merged_into_id   INTEGER NULL REFERENCES questions(id),
    votes            INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_utc      TEXT    NOT NULL,
    approved_utc     TEXT    NULL,
    staged_utc       TEXT    NULL,
    answered_utc     TEXT    NULL,
    updated_utc      TEXT    NOT NULL,
    follow_key       TEXT    NULL,
    number           INTEGER NOT NULL DEFAULT 0,
    channel          TEXT    NULL,
    UNIQUE (event_id, client_id)
);
INSERT INTO questions_rebuilt (id, event_id, block_number, client_id, viewer_id, text, original_text, display_name, organisation,
    source, status, reject_reason, held_reason, pinned, moderator_order, answer_text, merged_into_id, votes, version,
    created_utc, approved_utc, staged_utc, answered_utc, updated_utc, follow_key, number, channel)
SELECT id, event_id, block_number, client_id, viewer_id, text, original_text, display_name, organisation,
    source, status, reject_reason, held_reason, pinned, moderator_order, answer_text, merged_into_id, votes, version,
    created_utc, approved_utc, staged_utc, answered_utc, updated_utc, follow_key, number, channel
FROM questions;
DROP TABLE questions;
ALTER TABLE questions_rebuilt RENAME TO questions;
CREATE INDEX ix_questions_event_status ON questions(event_id, status);
CREATE INDEX ix_questions_viewer ON questions(event_id, viewer_id);
CREATE UNIQUE INDEX ux_questions_follow_key ON questions(follow_key) WHERE follow_key IS NOT NULL;
CREATE UNIQUE INDEX ix_questions_event_number ON questions(event_id, number);

-- "Moderation in Zahlen" per channel: the questions received on each channel (withdrawn ones left
-- out, as in transcripts.received), frozen with the transcript. channel is what QuestionChannel.Of
-- gives: 'live', 'embed', 'embed:<origin>' or a moderator's source ('youtube', 'twitter', …).
CREATE TABLE transcript_channels (
    event_id  INTEGER NOT NULL REFERENCES transcripts(event_id) ON DELETE CASCADE,
    channel   TEXT    NOT NULL,
    received  INTEGER NOT NULL,
    PRIMARY KEY (event_id, channel)
);

-- Transcripts frozen before this migration get their counts from the questions they were made of.
INSERT INTO transcript_channels (event_id, channel, received)
SELECT q.event_id, CASE WHEN q.source <> 'live' THEN q.source ELSE COALESCE(q.channel, 'live') END, COUNT(*)
FROM questions q JOIN transcripts t ON t.event_id = q.event_id
WHERE q.status <> 'withdrawn'
GROUP BY q.event_id, CASE WHEN q.source <> 'live' THEN q.source ELSE COALESCE(q.channel, 'live') END;
