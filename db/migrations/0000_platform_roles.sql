-- The role every Worker transaction runs as (SET LOCAL ROLE aos_app). It owns nothing and never
-- bypasses row-level security. Roles are cluster-wide, so create it only when missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aos_app') THEN
    CREATE ROLE aos_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
-- The migrating user must be able to SET ROLE to it (a superuser always can; on Neon the owner role).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'aos_app', 'MEMBER') THEN
    EXECUTE format('GRANT aos_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS vector;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO aos_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO aos_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO aos_app;
--> statement-breakpoint
-- Per-transaction settings read by the RLS policies; NULL when unset, so an unscoped query sees nothing.
CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.tenant_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_login_email() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.login_email', true), '')
$$;
