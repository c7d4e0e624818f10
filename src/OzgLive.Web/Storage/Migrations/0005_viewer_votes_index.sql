-- A joining viewer's own votes are read by viewer id; the primary key (question_id, viewer_id)
-- would make that a lookup per question of the event.
CREATE INDEX ix_question_votes_viewer ON question_votes(viewer_id, question_id);
