-- Live polls (issue 14): prepared per event and block, opened and closed by moderators, answered
-- once per viewer (changeable until closed), results hidden until revealed or shown live.

CREATE TABLE polls (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    -- The block it belongs to; NULL: the whole event.
    block_number     INTEGER NULL,
    position         INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('single', 'multiple', 'rating', 'wordcloud', 'text')),
    question         TEXT    NOT NULL,
    -- Multiple choice: at most this many options; word cloud: at most this many words (1-3).
    max_choices      INTEGER NOT NULL DEFAULT 1 CHECK (max_choices BETWEEN 1 AND 10),
    -- Rating: the top of the scale (5 or 10) and the labels at both ends.
    scale_max        INTEGER NULL CHECK (scale_max IS NULL OR scale_max IN (5, 10)),
    low_label        TEXT    NULL,
    high_label       TEXT    NULL,
    -- 'hidden': results reach viewers only once revealed; 'live': while answers come in.
    results_mode     TEXT    NOT NULL DEFAULT 'hidden' CHECK (results_mode IN ('hidden', 'live')),
    revealed         INTEGER NOT NULL DEFAULT 0,
    state            TEXT    NOT NULL DEFAULT 'prepared' CHECK (state IN ('prepared', 'open', 'closed')),
    opened_utc       TEXT    NULL,
    -- Set when opened with a time limit: the poll closes by itself then.
    closes_utc       TEXT    NULL,
    closed_utc       TEXT    NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_utc      TEXT    NOT NULL,
    updated_utc      TEXT    NOT NULL
);
CREATE INDEX ix_polls_event ON polls(event_id, position);

-- Choice options, numbered from 1 in the order shown.
CREATE TABLE poll_options (
    poll_id   INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    text      TEXT    NOT NULL,
    PRIMARY KEY (poll_id, number)
);

-- One row per item a viewer answered: an option number, a rating, a normalised word or a text.
-- A viewer's answer is all their rows of the poll; changing it replaces them. Counting is GROUP BY item.
CREATE TABLE poll_answers (
    id           INTEGER PRIMARY KEY,
    poll_id      INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    viewer_id    TEXT    NOT NULL,
    item         TEXT    NOT NULL,
    -- Words: the spelling the viewer typed (item is the normalised form that is counted).
    display      TEXT    NULL,
    -- 'shown'; 'held' (matched the word list); text answers: 'pending' until approved, 'rejected'.
    status       TEXT    NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'held', 'pending', 'rejected')),
    held_reason  TEXT    NULL,
    created_utc  TEXT    NOT NULL,
    UNIQUE (poll_id, viewer_id, item)
);
CREATE INDEX ix_poll_answers_viewer ON poll_answers(viewer_id, poll_id);

-- Word-cloud words a moderator hid: left out of every result (counted answers stay stored).
CREATE TABLE poll_hidden_words (
    poll_id  INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    word     TEXT    NOT NULL,
    PRIMARY KEY (poll_id, word)
);
