-- The public clock is the organiser's choice per event (issue 12): off by default, because the
-- anchors keep their timers backstage and viewers should not see a countdown run out.
ALTER TABLE events ADD COLUMN public_clock INTEGER NOT NULL DEFAULT 0;
