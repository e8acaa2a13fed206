CREATE TABLE "kb_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"headings" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_kind" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"token_count" integer NOT NULL,
	"lexemes" "tsvector" NOT NULL,
	"embedding" vector(512) NOT NULL,
	"embedding_model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_chunks_document_ordinal" UNIQUE("tenant_id","document_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "kb_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"source_kind" text NOT NULL,
	"title" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"chunk_count" integer NOT NULL,
	"embedding_model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_documents_tenant_key" UNIQUE("tenant_id","key"),
	CONSTRAINT "kb_documents_tenant_id" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "kb_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_stats" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"chunks" bigint NOT NULL,
	"tokens" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_terms" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "kb_terms_tenant_id_term_pk" PRIMARY KEY("tenant_id","term")
);
--> statement-breakpoint
ALTER TABLE "kb_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_chunks" ADD CONSTRAINT "kb_chunks_document_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."kb_documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_documents" ADD CONSTRAINT "kb_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_stats" ADD CONSTRAINT "kb_stats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_terms" ADD CONSTRAINT "kb_terms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_chunks_lexemes_idx" ON "kb_chunks" USING gin ("lexemes");--> statement-breakpoint
CREATE INDEX "kb_chunks_embedding_idx" ON "kb_chunks" USING hnsw ("embedding" vector_cosine_ops);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_chunks" AS PERMISSIVE FOR ALL TO "aos_app" USING ("kb_chunks"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_chunks"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_documents" AS PERMISSIVE FOR ALL TO "aos_app" USING ("kb_documents"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_documents"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_stats" AS PERMISSIVE FOR ALL TO "aos_app" USING ("kb_stats"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_stats"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "kb_terms" AS PERMISSIVE FOR ALL TO "aos_app" USING ("kb_terms"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_terms"."tenant_id" = app_tenant_id());--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express storage): a chunk's lexemes stay in the row, compressed, so BM25 reads
-- them without a TOAST lookup per candidate (half the cost per candidate, measured); text and embedding move out first.
ALTER TABLE "kb_chunks" ALTER COLUMN "lexemes" SET STORAGE MAIN;