-- intended: drops column dcl_unified_rows.lookup
-- Nothing reads it since decision 026: the lookup keys live in dcl_unified_keys, written with the rows.
ALTER TABLE "dcl_unified_rows" DROP COLUMN "lookup";
