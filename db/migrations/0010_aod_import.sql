CREATE TABLE "aod_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aod_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "draft" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "aod_asset_id" text;--> statement-breakpoint
ALTER TABLE "aod_settings" ADD CONSTRAINT "aod_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connections_tenant_aod_asset_key" ON "connections" USING btree ("tenant_id","aod_asset_id") WHERE "connections"."aod_asset_id" is not null and "connections"."deleted_at" is null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "aod_settings" AS PERMISSIVE FOR ALL TO "aos_app" USING ("aod_settings"."tenant_id" = app_tenant_id()) WITH CHECK ("aod_settings"."tenant_id" = app_tenant_id());