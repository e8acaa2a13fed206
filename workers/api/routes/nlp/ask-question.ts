import { createRoute, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { NlpAnswer, NlpQueryBody } from '../../../contract/nlp.ts'
import { type AnswerStages, prepareAnswer } from '../../../services/nlp/answer-question.ts'
import type { App } from '../../app-env.ts'
import { problemFor } from '../../on-error.ts'
import { bearerSecurity, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'askQuestion',
  method: 'post',
  path: '/v1/nlp/query',
  tags: ['nlp'],
  summary: 'Ask the knowledge base a question, answered for a persona with numbered citations',
  description: `With \`Accept: text/event-stream\` the answer is streamed by stage as Server-Sent Events: \`persona\` (who answers and why), \`citations\` (the retrieved passages), \`answer.delta\` events \`{text}\` as the answer is written (a model's tokens as they arrive, placeholders already re-identified; offline, word by word), \`answer\` (the whole text citing the passages as [n], equal to the deltas joined, with \`cited\` and \`grounded\`), then \`done\`; clients that ignore \`answer.delta\` still get the whole answer. A refusal before the stream opens (a disabled persona, the LLM budget used up) is an ordinary problem+json response; a failure after the stream has begun (the model breaking off mid-answer) is an \`error\` event holding a problem. Otherwise one JSON body. Offline, the answer quotes the passages; it never says what they do not.`,
  security: bearerSecurity,
  request: { body: jsonRequest(NlpQueryBody) },
  responses: {
    200: {
      description: 'The answer (JSON), or its stages (SSE)',
      content: { 'application/json': { schema: NlpAnswer }, 'text/event-stream': { schema: z.string() } },
    },
    ...problemResponses,
  },
})

export const registerAskQuestion = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const input = c.req.valid('json')
    const prepared = await prepareAnswer(services, tenantId, input)
    if (!c.req.header('accept')?.includes('text/event-stream')) {
      const answer: Partial<z.infer<typeof NlpAnswer>> = {}
      await prepared.run({
        persona: async (persona) => {
          answer.persona = persona
        },
        citations: async (citations) => {
          answer.citations = citations
        },
        answer: async (text) => {
          answer.answer = text
        },
      })
      return c.json(answer as z.infer<typeof NlpAnswer>, 200)
    }
    let streamEnded = () => {}
    const streamed = new Promise<void>((resolve) => {
      streamEnded = resolve
    })
    c.set('servicesInUseUntil', streamed)
    return streamSSE(
      c,
      async (stream) => {
        const send = (event: string) => (data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) })
        const stages: AnswerStages = {
          persona: send('persona'),
          citations: send('citations'),
          delta: async (text) => send('answer.delta')({ text }),
          answer: send('answer'),
        }
        try {
          await prepared.run(stages)
          await stream.writeSSE({ event: 'done', data: '{}' })
        } finally {
          streamEnded()
        }
      },
      // The status line is sent already: a failure is the stream's last event, a problem like any other.
      async (error, stream) => stream.writeSSE({ event: 'error', data: JSON.stringify(problemFor(error, c).body) }),
    )
  })
