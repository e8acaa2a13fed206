import type { App } from '../app-env.ts'
import { registerAskQuestion } from './nlp/ask-question.ts'
import { registerGetPersonaBriefing } from './nlp/get-persona-briefing.ts'
import { registerListPersonas } from './nlp/list-personas.ts'
import { registerPutPersona } from './nlp/put-persona.ts'
import { registerResetPersona } from './nlp/reset-persona.ts'

export function registerNlpRoutes(app: App) {
  registerListPersonas(app)
  registerPutPersona(app)
  registerResetPersona(app)
  registerAskQuestion(app)
  registerGetPersonaBriefing(app)
}
