-- A connection's kind becomes text the application validates against its connector registry
-- (workers/core/aam/connectors/registry.ts), so adding a kind of connector needs no migration.
-- Every enum value keeps its text; RLS is untouched (the policy reads tenant_id only).
ALTER TABLE "connections" ALTER COLUMN "kind" SET DATA TYPE text USING "kind"::text;--> statement-breakpoint
DROP TYPE "public"."connection_kind";
