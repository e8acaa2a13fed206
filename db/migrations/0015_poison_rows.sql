ALTER TABLE "connections" ADD COLUMN "last_sync_counts" jsonb;--> statement-breakpoint
ALTER TABLE "quarantine" ADD COLUMN "raw_base64" text;--> statement-breakpoint
ALTER TABLE "quarantine" ADD COLUMN "raw_truncated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantine" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "quarantine_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "source_files" ADD COLUMN "row_counts" jsonb;--> statement-breakpoint
CREATE INDEX "quarantine_tenant_stream_seq_idx" ON "quarantine" USING btree ("tenant_id","stream_id","seq");