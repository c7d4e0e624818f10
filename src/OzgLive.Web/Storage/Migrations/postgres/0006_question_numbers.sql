-- PostgreSQL twin of Storage/Migrations/0006_question_numbers.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- One number per question and event (#1, #2, … in the order asked, never reused), shown on every
-- screen and file so that moderators, organisers and askers refer to the same question; database
-- ids are not for people. Given in the ask's write transaction: COALESCE(MAX(number), 0) + 1.
ALTER TABLE questions ADD COLUMN number BIGINT NOT NULL DEFAULT 0;

-- Existing questions are numbered per event in id order, which is the order they were asked in.
UPDATE questions SET number = (
    SELECT COUNT(*) FROM questions AS earlier
    WHERE earlier.event_id = questions.event_id AND earlier.id <= questions.id);

CREATE UNIQUE INDEX ix_questions_event_number ON questions(event_id, number);

-- The transcript keeps the number with the rest of what it froze.
ALTER TABLE transcript_questions ADD COLUMN number BIGINT NOT NULL DEFAULT 0;
UPDATE transcript_questions SET number = (SELECT q.number FROM questions AS q WHERE q.id = transcript_questions.question_id);
