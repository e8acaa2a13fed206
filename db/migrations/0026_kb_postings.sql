-- BM25 reads its postings from this table's primary key alone (decision 035). The key covers document_id, tf and
-- len (INCLUDE, hand-written: drizzle-kit cannot declare it), so a query term's postings are one index range
-- read without visiting the heap once the visibility map is set (autovacuum does that for an insert-only table).
CREATE TABLE "kb_postings" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	"chunk_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"tf" smallint NOT NULL,
	"len" integer NOT NULL,
	CONSTRAINT "kb_postings_tenant_id_term_chunk_id_pk" PRIMARY KEY("tenant_id","term","chunk_id") INCLUDE ("document_id","tf","len")
);
--> statement-breakpoint
ALTER TABLE "kb_postings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_postings" AS PERMISSIVE FOR ALL TO "aos_app" USING ("kb_postings"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_postings"."tenant_id" = app_tenant_id());--> statement-breakpoint
-- Existing chunks' postings, as the repository writes them: a lexeme's position count is its frequency.
INSERT INTO "kb_postings" ("tenant_id", "term", "chunk_id", "document_id", "tf", "len")
SELECT c."tenant_id", u.lexeme, c."id", c."document_id", array_length(u.positions, 1), c."token_count"
FROM "kb_chunks" c CROSS JOIN LATERAL unnest(c."lexemes") u;--> statement-breakpoint
-- The GIN index and its RLS-bypassing match function (migration 0025) served only BM25's candidates.
DROP FUNCTION app_kb_text_matches(tsquery);--> statement-breakpoint
DROP INDEX "kb_chunks_lexemes_idx";
