-- Issue 12, the audience on every channel: join codes, the stream overlay's key, partner embeds and
-- where each question came from. One file because one number was set aside for this part.

-- The short join code (/j/{code}): 6 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ, which leaves
-- out the look-alikes 0/O and 1/I/L (Channels/JoinCodes.cs has the same alphabet). Stored in
-- capitals; input is upper-cased before the look-up, so codes are case-insensitive.
ALTER TABLE events ADD COLUMN join_code TEXT NULL;

-- A fresh code each time it is read: SQLite draws random() anew for every character.
CREATE VIEW new_join_code AS SELECT
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) ||
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) ||
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) ||
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) ||
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) ||
    substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + abs(random() % 31), 1) AS code;

-- Setting join_code to '?' asks for a code. Drawn in a trigger because a trigger's statements run
-- once per row: in a single UPDATE over all events SQLite would read the view once and give every
-- event the same code. 31^6 is about 887 million codes; a code already taken gives NULL (NOT IN)
-- and is drawn once more.
CREATE TRIGGER events_draw_join_code AFTER UPDATE OF join_code ON events WHEN NEW.join_code = '?'
BEGIN
    UPDATE events SET join_code = (SELECT code FROM new_join_code
                                   WHERE code NOT IN (SELECT join_code FROM events WHERE join_code IS NOT NULL))
    WHERE id = NEW.id;
    UPDATE events SET join_code = (SELECT code FROM new_join_code
                                   WHERE code NOT IN (SELECT join_code FROM events WHERE join_code IS NOT NULL))
    WHERE id = NEW.id AND join_code IS NULL;
END;

-- Existing events get theirs now,
UPDATE events SET join_code = '?';
CREATE UNIQUE INDEX ux_events_join_code ON events(join_code) WHERE join_code IS NOT NULL;

-- and every new event gets one, whichever code path inserts it (editor, demo seed, tests).
CREATE TRIGGER events_join_code AFTER INSERT ON events WHEN NEW.join_code IS NULL
BEGIN
    UPDATE events SET join_code = '?' WHERE id = NEW.id;
END;

-- The stream overlay's secret link (/events/{slug}/overlay?key=…), like presenter_key: NULL = none.
ALTER TABLE events ADD COLUMN overlay_key TEXT NULL;
CREATE UNIQUE INDEX ux_events_overlay_key ON events(overlay_key) WHERE overlay_key IS NOT NULL;

-- The partner sites (origins such as https://partner.example) that may frame the event's embed.
CREATE TABLE event_partner_origins (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    origin    TEXT    NOT NULL,
    PRIMARY KEY (event_id, origin)
);

-- Where a viewer's question was asked: NULL on the live page, 'embed' in the embed opened directly or
-- from an unlisted site, 'embed:<origin>' in a listed partner's embed. Moderators' questions keep
-- their channel in source (youtube, email, …).
ALTER TABLE questions ADD COLUMN channel TEXT NULL;
