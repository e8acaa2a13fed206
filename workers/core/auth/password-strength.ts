import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'

/**
 * zxcvbn score 3 ("safely unguessable") or better. Its dictionaries include the most common passwords
 * from public breach corpora, so `password`, `12345678` and their kin score 0.
 */
export const MIN_PASSWORD_SCORE = 3

let estimator: ZxcvbnFactory | undefined

// Built on first use: the dictionaries take ~0.2 s to rank, which a Worker should not pay at start-up.
const zxcvbn = () => {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  })
  return estimator
}

/**
 * Why a password is too weak to accept, or null when it is strong enough. `context` holds what an
 * attacker would try first: the email, its local part, the workspace name.
 */
export function weakPasswordReason(password: string, context: readonly string[]): string | null {
  const inputs = context.flatMap((value) => [value, ...value.toLowerCase().split(/[@.\s_-]+/)]).filter(Boolean)
  const result = zxcvbn().check(password, inputs)
  if (result.score >= MIN_PASSWORD_SCORE) return null
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ')
  return `is too easy to guess.${hints ? ` ${hints}` : ''} Try a longer passphrase of several unrelated words.`
}
