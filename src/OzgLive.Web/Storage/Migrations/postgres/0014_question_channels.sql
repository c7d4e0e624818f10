-- Issue 12, the audience on every channel (see the SQLite twin): moderators may record a question from
-- Twitter (X), and the transcript keeps how many questions came in on each channel. PostgreSQL
-- changes the CHECK constraint in place (its name is the one PostgreSQL gave the column's check).
ALTER TABLE questions DROP CONSTRAINT questions_source_check;
ALTER TABLE questions ADD CONSTRAINT questions_source_check
    CHECK (source IN ('live', 'youtube', 'twitter', 'email', 'phone', 'onsite', 'other'));

CREATE TABLE transcript_channels (
    event_id  BIGINT  NOT NULL REFERENCES transcripts(event_id) ON DELETE CASCADE,
    channel   TEXT    NOT NULL,
    received  INTEGER NOT NULL,
    PRIMARY KEY (event_id, channel)
);

INSERT INTO transcript_channels (event_id, channel, received)
SELECT q.event_id, CASE WHEN q.source <> 'live' THEN q.source ELSE COALESCE(q.channel, 'live') END, COUNT(*)
FROM questions q JOIN transcripts t ON t.event_id = q.event_id
WHERE q.status <> 'withdrawn'
GROUP BY q.event_id, CASE WHEN q.source <> 'live' THEN q.source ELSE COALESCE(q.channel, 'live') END;
