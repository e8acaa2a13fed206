CREATE TABLE "dcl_dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"stream_id" uuid NOT NULL,
	"events" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replayed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dcl_dead_letters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "dcl_entities" (
	"tenant_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"versions" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dcl_entities_tenant_id_entity_source_external_id_pk" PRIMARY KEY("tenant_id","entity","source","external_id")
);
--> statement-breakpoint
ALTER TABLE "dcl_entities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dcl_dead_letters" ADD CONSTRAINT "dcl_dead_letters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dcl_entities" ADD CONSTRAINT "dcl_entities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dcl_dead_letters_tenant_idx" ON "dcl_dead_letters" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "dcl_entities_tenant_entity_idx" ON "dcl_entities" USING btree ("tenant_id","entity","updated_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dcl_dead_letters" AS PERMISSIVE FOR ALL TO "aos_app" USING ("dcl_dead_letters"."tenant_id" = app_tenant_id()) WITH CHECK ("dcl_dead_letters"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dcl_entities" AS PERMISSIVE FOR ALL TO "aos_app" USING ("dcl_entities"."tenant_id" = app_tenant_id()) WITH CHECK ("dcl_entities"."tenant_id" = app_tenant_id());