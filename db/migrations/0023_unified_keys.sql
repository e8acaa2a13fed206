CREATE TABLE "dcl_unified_keys" (
	"tenant_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"unified_id" uuid NOT NULL,
	CONSTRAINT "dcl_unified_keys_tenant_id_entity_key_unified_id_pk" PRIMARY KEY("tenant_id","entity","key","unified_id")
);
--> statement-breakpoint
ALTER TABLE "dcl_unified_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "dcl_unified_rows_members_idx";--> statement-breakpoint
DROP INDEX "dcl_unified_rows_lookup_idx";--> statement-breakpoint
ALTER TABLE "dcl_unified_keys" ADD CONSTRAINT "dcl_unified_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dcl_unified_keys_row_idx" ON "dcl_unified_keys" USING btree ("tenant_id","entity","unified_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dcl_unified_keys" AS PERMISSIVE FOR ALL TO "aos_app" USING ("dcl_unified_keys"."tenant_id" = app_tenant_id()) WITH CHECK ("dcl_unified_keys"."tenant_id" = app_tenant_id());--> statement-breakpoint
-- Hand-added: index the rows the views already hold, so the next incremental refresh finds them.
INSERT INTO "dcl_unified_keys" ("tenant_id", "entity", "key", "unified_id")
SELECT DISTINCT r."tenant_id", r."entity", k."key", r."unified_id"
FROM "dcl_unified_rows" r, unnest(r."member_keys" || r."lookup") AS k("key");
