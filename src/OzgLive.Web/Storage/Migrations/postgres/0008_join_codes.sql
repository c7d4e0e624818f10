-- PostgreSQL twin of Storage/Migrations/0008_join_codes.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- Issue 12, the audience on every channel: join codes, the stream overlay's key, partner embeds and
-- where each question came from. One file because one number was set aside for this part.

-- The short join code (/j/{code}): 6 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ, which leaves
-- out the look-alikes 0/O and 1/I/L (Channels/JoinCodes.cs has the same alphabet). Stored in
-- capitals; input is upper-cased before the look-up, so codes are case-insensitive.
ALTER TABLE events ADD COLUMN join_code TEXT NULL;

-- A fresh code each call: six characters drawn one by one from the alphabet above.
CREATE FUNCTION new_join_code() RETURNS TEXT LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + floor(random() * 31)::int, 1), '')
    FROM generate_series(1, 6)
$$;

-- Setting join_code to '?' asks for a code, and a new event without one gets one, whichever code path
-- inserts it (editor, demo seed, tests). Drawn in a row trigger, so a single UPDATE over all events
-- gives each its own code; a code already taken is drawn once more. 31^6 is about 887 million codes.
CREATE FUNCTION events_draw_join_code() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    candidate TEXT;
BEGIN
    IF NEW.join_code = '?' OR (TG_OP = 'INSERT' AND NEW.join_code IS NULL) THEN
        LOOP
            candidate := new_join_code();
            EXIT WHEN NOT EXISTS (SELECT 1 FROM events WHERE join_code = candidate);
        END LOOP;
        NEW.join_code := candidate;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER events_join_code BEFORE INSERT OR UPDATE OF join_code ON events
    FOR EACH ROW EXECUTE FUNCTION events_draw_join_code();

-- Existing events get theirs now.
UPDATE events SET join_code = '?';
CREATE UNIQUE INDEX ux_events_join_code ON events(join_code) WHERE join_code IS NOT NULL;

-- The stream overlay's secret link (/events/{slug}/overlay?key=…), like presenter_key: NULL = none.
ALTER TABLE events ADD COLUMN overlay_key TEXT NULL;
CREATE UNIQUE INDEX ux_events_overlay_key ON events(overlay_key) WHERE overlay_key IS NOT NULL;

-- The partner sites (origins such as https://partner.example) that may frame the event's embed.
CREATE TABLE event_partner_origins (
    event_id  BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    origin    TEXT    NOT NULL,
    PRIMARY KEY (event_id, origin)
);

-- Where a viewer's question was asked: NULL on the live page, 'embed' in the embed opened directly or
-- from an unlisted site, 'embed:<origin>' in a listed partner's embed. Moderators' questions keep
-- their channel in source (youtube, email, …).
ALTER TABLE questions ADD COLUMN channel TEXT NULL;
