-- The mapping registry (#17): versioned source-field → canonical-field mappings, one row per version, under RLS.
CREATE TABLE "mapping_registry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source_system" text NOT NULL,
	"connection_id" uuid,
	"source_stream" text NOT NULL,
	"source_path" text NOT NULL,
	"version" integer NOT NULL,
	"entity" text NOT NULL,
	"field" text NOT NULL,
	"transform" text DEFAULT 'none' NOT NULL,
	"confidence" double precision NOT NULL,
	"status" text NOT NULL,
	"provenance" text NOT NULL,
	"note" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mapping_registry_version_key" UNIQUE NULLS NOT DISTINCT("tenant_id","source_system","connection_id","source_stream","source_path","version")
);
--> statement-breakpoint
ALTER TABLE "mapping_registry" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mapping_registry" ADD CONSTRAINT "mapping_registry_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mapping_registry" ADD CONSTRAINT "mapping_registry_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mapping_registry_target_idx" ON "mapping_registry" USING btree ("tenant_id","entity","field");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mapping_registry" AS PERMISSIVE FOR ALL TO "aos_app" USING ("mapping_registry"."tenant_id" = app_tenant_id()) WITH CHECK ("mapping_registry"."tenant_id" = app_tenant_id());