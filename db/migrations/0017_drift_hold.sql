CREATE TABLE "held_records" (
	"tenant_id" uuid NOT NULL,
	"drift_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"record" jsonb NOT NULL,
	"event_time" text NOT NULL,
	"source_file_id" uuid,
	"line" integer,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "held_records_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "held_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "review" text;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "proposed_schema" jsonb;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "proposed_profile" jsonb;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "decided_by_type" text;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "decided_by_id" uuid;--> statement-breakpoint
ALTER TABLE "drift_events" ADD COLUMN "decision_comment" text;--> statement-breakpoint
ALTER TABLE "streams" ADD COLUMN "held_drift_id" uuid;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_drift_id_drift_events_id_fk" FOREIGN KEY ("drift_id") REFERENCES "public"."drift_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "held_records_tenant_event_key" ON "held_records" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "held_records_tenant_drift_seq_idx" ON "held_records" USING btree ("tenant_id","drift_id","seq");--> statement-breakpoint
ALTER TABLE "streams" ADD CONSTRAINT "streams_held_drift_id_drift_events_id_fk" FOREIGN KEY ("held_drift_id") REFERENCES "public"."drift_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drift_events_tenant_pending_idx" ON "drift_events" USING btree ("tenant_id","detected_at") WHERE "drift_events"."review" = 'pending';--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "held_records" AS PERMISSIVE FOR ALL TO "aos_app" USING ("held_records"."tenant_id" = app_tenant_id()) WITH CHECK ("held_records"."tenant_id" = app_tenant_id());--> statement-breakpoint
-- Hand-written: the review states the API and the review queue rely on.
ALTER TABLE "drift_events" ADD CONSTRAINT "drift_events_review_check" CHECK ("review" IN ('pending', 'accepted', 'rejected'));