-- Meeting titles, agendas and notes join the search index (kind 'meeting'). The index itself is
-- normally created after the migrations (db/migrate.ts, POST_MIGRATION_SQL); it is created here
-- too, with the same definition, so that existing meetings can be indexed once.
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
  kind UNINDEXED, object_id UNINDEXED, workspace_id UNINDEXED, title, body,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO search_index (kind, object_id, workspace_id, title, body)
SELECT 'meeting', m.id, m.workspace_id, m.title,
  CASE
    WHEN trim(m.agenda) = '' THEN m.notes_text
    WHEN trim(m.notes_text) = '' THEN m.agenda
    ELSE m.agenda || char(10) || char(10) || m.notes_text
  END
FROM meetings m;
