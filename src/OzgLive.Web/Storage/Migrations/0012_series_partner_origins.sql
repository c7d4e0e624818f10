-- The partner sites of a whole series: they may frame the embed of every event in it, in addition
-- to each event's own list (event_partner_origins).
CREATE TABLE series_partner_origins (
    series_id  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    origin     TEXT    NOT NULL,
    PRIMARY KEY (series_id, origin)
);
