CREATE TABLE "dcl_unified_rows" (
	"tenant_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"unified_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"lineage" jsonb NOT NULL,
	"members" jsonb NOT NULL,
	"member_keys" text[] NOT NULL,
	"sources" text[] NOT NULL,
	"lookup" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dcl_unified_rows_tenant_id_entity_unified_id_pk" PRIMARY KEY("tenant_id","entity","unified_id")
);
--> statement-breakpoint
ALTER TABLE "dcl_unified_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dcl_unified_rows" ADD CONSTRAINT "dcl_unified_rows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dcl_unified_rows_page_idx" ON "dcl_unified_rows" USING btree ("tenant_id","entity","updated_at","unified_id");--> statement-breakpoint
CREATE INDEX "dcl_unified_rows_members_idx" ON "dcl_unified_rows" USING gin ("member_keys");--> statement-breakpoint
CREATE INDEX "dcl_unified_rows_lookup_idx" ON "dcl_unified_rows" USING gin ("lookup");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dcl_unified_rows" AS PERMISSIVE FOR ALL TO "aos_app" USING ("dcl_unified_rows"."tenant_id" = app_tenant_id()) WITH CHECK ("dcl_unified_rows"."tenant_id" = app_tenant_id());