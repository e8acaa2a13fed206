ALTER TABLE "connections" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "next_sync_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "connections_next_sync_idx" ON "connections" USING btree ("next_sync_at") WHERE "connections"."next_sync_at" is not null and "connections"."deleted_at" is null;--> statement-breakpoint
-- The Cron Trigger serves every tenant at once and has no tenant to scope to. This one function, run
-- with its owner's rights, crosses tenants: it claims due scheduled syncs for five minutes (so an
-- overlapping run cannot claim them too) and returns only ids; the caller then works tenant-scoped.
CREATE OR REPLACE FUNCTION app_claim_due_syncs(p_now timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, connection_id uuid, schedule text)
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE connections c SET next_sync_at = p_now + interval '5 minutes'
  WHERE c.id IN (
    SELECT d.id FROM connections d
    WHERE d.next_sync_at <= p_now AND d.deleted_at IS NULL AND d.schedule IS NOT NULL
    ORDER BY d.next_sync_at
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
  )
  RETURNING c.tenant_id, c.id, c.schedule
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_claim_due_syncs(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_claim_due_syncs(timestamptz, integer) TO aos_app;
