-- PostgreSQL twin of Storage/Migrations/0005_viewer_votes_index.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- A joining viewer's own votes are read by viewer id; the primary key (question_id, viewer_id)
-- would make that a lookup per question of the event.
CREATE INDEX ix_question_votes_viewer ON question_votes(viewer_id, question_id);
