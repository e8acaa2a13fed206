CREATE TYPE "public"."connection_kind" AS ENUM('file');--> statement-breakpoint
CREATE TYPE "public"."drift_policy" AS ENUM('ignore', 'propagate', 'propagate_all', 'freeze', 'pause');--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "connection_kind" NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_ciphertext" text,
	"drift_policy" "drift_policy" DEFAULT 'propagate' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "connections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "drift_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"from_fingerprint" text NOT NULL,
	"to_fingerprint" text NOT NULL,
	"changes" jsonb NOT NULL,
	"breaking" boolean NOT NULL,
	"policy" "drift_policy" NOT NULL,
	"action" text NOT NULL,
	"job_id" uuid,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drift_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"source_file_id" uuid,
	"line" integer,
	"reason" text NOT NULL,
	"raw" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "quarantine" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "records" (
	"tenant_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "source_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"stream_name" text NOT NULL,
	"object_key" text NOT NULL,
	"format" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "source_files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "streams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"selected" boolean DEFAULT true NOT NULL,
	"schema" jsonb,
	"fingerprint" text,
	"profile" jsonb,
	"cursor" jsonb,
	"paused_at" timestamp with time zone,
	"paused_reason" text,
	"record_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "streams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_events" ADD CONSTRAINT "drift_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_events" ADD CONSTRAINT "drift_events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_events" ADD CONSTRAINT "drift_events_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_events" ADD CONSTRAINT "drift_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantine" ADD CONSTRAINT "quarantine_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantine" ADD CONSTRAINT "quarantine_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantine" ADD CONSTRAINT "quarantine_source_file_id_source_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."source_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_files" ADD CONSTRAINT "source_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_files" ADD CONSTRAINT "source_files_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streams" ADD CONSTRAINT "streams_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streams" ADD CONSTRAINT "streams_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connections_tenant_created_idx" ON "connections" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "drift_events_tenant_stream_idx" ON "drift_events" USING btree ("tenant_id","stream_id","detected_at");--> statement-breakpoint
CREATE INDEX "quarantine_tenant_stream_idx" ON "quarantine" USING btree ("tenant_id","stream_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quarantine_tenant_file_line_key" ON "quarantine" USING btree ("tenant_id","source_file_id","line") WHERE "quarantine"."source_file_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "records_tenant_event_key" ON "records" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "records_tenant_stream_idx" ON "records" USING btree ("tenant_id","stream_id","synced_at");--> statement-breakpoint
CREATE INDEX "source_files_tenant_connection_idx" ON "source_files" USING btree ("tenant_id","connection_id","uploaded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "streams_tenant_connection_name_key" ON "streams" USING btree ("tenant_id","connection_id","name");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "connections" AS PERMISSIVE FOR ALL TO "aos_app" USING ("connections"."tenant_id" = app_tenant_id()) WITH CHECK ("connections"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "drift_events" AS PERMISSIVE FOR ALL TO "aos_app" USING ("drift_events"."tenant_id" = app_tenant_id()) WITH CHECK ("drift_events"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "quarantine" AS PERMISSIVE FOR ALL TO "aos_app" USING ("quarantine"."tenant_id" = app_tenant_id()) WITH CHECK ("quarantine"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "records" AS PERMISSIVE FOR ALL TO "aos_app" USING ("records"."tenant_id" = app_tenant_id()) WITH CHECK ("records"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "source_files" AS PERMISSIVE FOR ALL TO "aos_app" USING ("source_files"."tenant_id" = app_tenant_id()) WITH CHECK ("source_files"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "streams" AS PERMISSIVE FOR ALL TO "aos_app" USING ("streams"."tenant_id" = app_tenant_id()) WITH CHECK ("streams"."tenant_id" = app_tenant_id());