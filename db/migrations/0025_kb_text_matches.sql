-- Under RLS the full-text match operator (@@, ts_match_vq) is not leakproof, so the planner may not use it as
-- an index condition below the tenant policy: every full-text search read the whole kb_chunks table (a
-- sequential scan, 0.3 s a pass at 100,000 chunks; decision 0XX). This function, run with its owner's rights,
-- finds the matching chunks through the GIN index and returns those of the transaction's own tenant only
-- (app_tenant_id(), never an argument: a caller learns what the policy would show it, nothing when unscoped).
-- It returns row addresses (ctid) and the caller reads the rows by them under RLS (tid equality is leakproof:
-- a TID scan). STABLE, so it runs in the caller's snapshot and each address is the row version that
-- snapshot sees. Measured at 100,000 chunks: 5,739 matches read in 35 ms, against 80-590 ms by primary key
-- and several times that when the function returned the rows' tsvectors itself.
CREATE OR REPLACE FUNCTION app_kb_text_matches(p_query tsquery)
RETURNS TABLE (row_address tid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
  SELECT c.ctid FROM kb_chunks c WHERE c.tenant_id = app_tenant_id() AND c.lexemes @@ p_query
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_kb_text_matches(tsquery) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_kb_text_matches(tsquery) TO aos_app;
