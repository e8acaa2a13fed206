import { createRoute } from '@hono/zod-openapi'
import { KbSearchBody, KbSearchResult } from '../../../contract/kb.ts'
import { searchKnowledgeBase } from '../../../services/kb/search-knowledge-base.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'searchKb',
  method: 'post',
  path: '/v1/kb/search',
  tags: ['kb'],
  summary: 'Search the knowledge base: full-text (BM25) and vector candidates fused into one ranking',
  description:
    'Each hit is a passage with its document, section headings, fused score and the rank and score each retriever gave it. Filters narrow by document key, kind or metadata before ranking.',
  security: bearerSecurity,
  request: { body: jsonRequest(KbSearchBody) },
  responses: { 200: jsonBody(KbSearchResult), ...problemResponses },
})

export const registerSearchKb = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await searchKnowledgeBase(c.get('services'), c.get('tenantId'), c.req.valid('json')), 200),
  )
