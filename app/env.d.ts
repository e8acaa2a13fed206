// Build-time settings the console reads (Vite inlines them into the bundle).
interface ImportMetaEnv {
  /** Content-hashed paths of the DuckDB engine, set by scripts/lib/vite-duckdb-bundles.ts. */
  readonly VITE_DUCKDB_WASM: string
  readonly VITE_DUCKDB_WORKER: string
  /** `false` or `0` builds the previous connections list (app/routes/connections.tsx); anything else, the current one. */
  readonly VITE_CONNECTIONS_V2?: string
}
