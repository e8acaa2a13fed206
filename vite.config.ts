import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import { duckdbBundles } from './scripts/lib/vite-duckdb-bundles.ts'

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), duckdbBundles()],
})
