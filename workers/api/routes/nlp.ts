import type { App } from '../app-env.ts'
import { registerAskQuestion } from './nlp/ask-question.ts'
import { registerGetPersonaBriefing } from './nlp/get-persona-briefing.ts'
import { registerListPersonas } from './nlp/list-personas.ts'

export function registerNlpRoutes(app: App) {
  registerListPersonas(app)
  registerAskQuestion(app)
  registerGetPersonaBriefing(app)
}
