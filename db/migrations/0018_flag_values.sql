CREATE TABLE "flag_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"name" text NOT NULL,
	"value" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flag_values_tenant_name_key" UNIQUE NULLS NOT DISTINCT("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "flag_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "platform_admins" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_admins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "flag_values" ADD CONSTRAINT "flag_values_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_admins" ADD CONSTRAINT "platform_admins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "flag_values" AS PERMISSIVE FOR ALL TO "aos_app" USING ("flag_values"."tenant_id" = app_tenant_id()) WITH CHECK ("flag_values"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "global_readable" ON "flag_values" AS PERMISSIVE FOR SELECT TO "aos_app" USING ("flag_values"."tenant_id" is null);--> statement-breakpoint
CREATE POLICY "global_by_platform_admin" ON "flag_values" AS PERMISSIVE FOR ALL TO "aos_app" USING ("flag_values"."tenant_id" is null and exists (select 1 from platform_admins p where p.user_id = app_user_id())) WITH CHECK ("flag_values"."tenant_id" is null and exists (select 1 from platform_admins p where p.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "platform_admin_self" ON "platform_admins" AS PERMISSIVE FOR SELECT TO "aos_app" USING ("platform_admins"."user_id" = app_user_id());