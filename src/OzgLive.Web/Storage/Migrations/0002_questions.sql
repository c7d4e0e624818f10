-- Audience questions and their moderation, votes, the audit log, backstage messages, presenter keys.

-- A second sequence for moderators: they see every change (pending questions too); viewers see the
-- public changes only, numbered by events.seq, so neither stream has gaps for its audience.
ALTER TABLE events ADD COLUMN mod_seq INTEGER NOT NULL DEFAULT 0;
-- Questions: 'open' (viewers may ask), 'paused' (moderators are catching up), 'closed'.
ALTER TABLE events ADD COLUMN questions_state TEXT NOT NULL DEFAULT 'open'
    CHECK (questions_state IN ('open', 'paused', 'closed'));
ALTER TABLE events ADD COLUMN auto_approve INTEGER NOT NULL DEFAULT 0;
-- Version of the moderation settings above, for stale-action refusal between moderators.
ALTER TABLE events ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 1;
-- The presenter screen's secret link; NULL when revoked.
ALTER TABLE events ADD COLUMN presenter_key TEXT NULL;
ALTER TABLE blocks ADD COLUMN questions_state TEXT NOT NULL DEFAULT 'open'
    CHECK (questions_state IN ('open', 'paused', 'closed'));

CREATE TABLE questions (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    block_number     INTEGER NULL,
    -- Chosen by the asking client; a retried submission with the same id is the same question.
    client_id        TEXT    NOT NULL,
    -- The anonymous viewer who asked (NULL for questions a moderator added from elsewhere).
    viewer_id        TEXT    NULL,
    text             TEXT    NOT NULL,
    original_text    TEXT    NOT NULL,
    display_name     TEXT    NULL,
    organisation     TEXT    NULL,
    source           TEXT    NOT NULL DEFAULT 'live'
                     CHECK (source IN ('live', 'youtube', 'email', 'phone', 'onsite', 'other')),
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'approved', 'onstage', 'answered', 'rejected', 'withdrawn', 'merged')),
    reject_reason    TEXT    NULL
                     CHECK (reject_reason IS NULL OR reject_reason IN ('offtopic', 'duplicate', 'personaldata', 'abusive', 'other')),
    held_reason      TEXT    NULL,
    pinned           INTEGER NOT NULL DEFAULT 0,
    -- Moderators' order for the presenter's "next questions" (lower first); NULL falls back to votes.
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
    UNIQUE (event_id, client_id)
);
CREATE INDEX ix_questions_event_status ON questions(event_id, status);
CREATE INDEX ix_questions_viewer ON questions(event_id, viewer_id);

CREATE TABLE question_votes (
    question_id  INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    viewer_id    TEXT    NOT NULL,
    created_utc  TEXT    NOT NULL,
    PRIMARY KEY (question_id, viewer_id)
);

-- Everyone who asked a question, the surviving one of a merge included.
CREATE TABLE question_askers (
    question_id  INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    viewer_id    TEXT    NOT NULL,
    PRIMARY KEY (question_id, viewer_id)
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at_utc       TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    question_id  INTEGER NULL,
    before_json  TEXT    NULL,
    after_json   TEXT    NULL
);
CREATE INDEX ix_audit_event ON audit_log(event_id, id);

CREATE TABLE backstage_messages (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    text           TEXT    NOT NULL,
    author         TEXT    NOT NULL,
    created_utc    TEXT    NOT NULL,
    dismissed_utc  TEXT    NULL
);
CREATE INDEX ix_backstage_event ON backstage_messages(event_id, dismissed_utc);
