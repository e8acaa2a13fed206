CREATE TABLE "tenant_personas" (
	"tenant_id" uuid NOT NULL,
	"persona" text NOT NULL,
	"title" text,
	"focus" text,
	"tools" jsonb,
	"filter" jsonb,
	"enabled" boolean,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_personas_tenant_id_persona_pk" PRIMARY KEY("tenant_id","persona")
);
--> statement-breakpoint
ALTER TABLE "tenant_personas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_personas" ADD CONSTRAINT "tenant_personas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_personas" AS PERMISSIVE FOR ALL TO "aos_app" USING ("tenant_personas"."tenant_id" = app_tenant_id()) WITH CHECK ("tenant_personas"."tenant_id" = app_tenant_id());