CREATE TABLE "repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"drift_id" uuid NOT NULL,
	"change_index" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signature" text NOT NULL,
	"summary" text NOT NULL,
	"confidence" double precision NOT NULL,
	"evidence" jsonb NOT NULL,
	"writes" jsonb NOT NULL,
	"status" text NOT NULL,
	"applied_versions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by_type" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repairs_drift_change_key" UNIQUE("tenant_id","drift_id","change_index")
);
--> statement-breakpoint
ALTER TABLE "repairs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenant_automation" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"safe_mode" boolean DEFAULT true NOT NULL,
	"repair_threshold" double precision NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_automation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "safe_mode" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_drift_id_drift_events_id_fk" FOREIGN KEY ("drift_id") REFERENCES "public"."drift_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_automation" ADD CONSTRAINT "tenant_automation_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repairs_tenant_status_idx" ON "repairs" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "repairs_tenant_signature_idx" ON "repairs" USING btree ("tenant_id","signature") WHERE "repairs"."decided_by_type" <> 'system';--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "repairs" AS PERMISSIVE FOR ALL TO "aos_app" USING ("repairs"."tenant_id" = app_tenant_id()) WITH CHECK ("repairs"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_automation" AS PERMISSIVE FOR ALL TO "aos_app" USING ("tenant_automation"."tenant_id" = app_tenant_id()) WITH CHECK ("tenant_automation"."tenant_id" = app_tenant_id());