// The answer the offline provider gives: the retrieved passages' sentences that share the most words with the
// question, each quoted exactly and cited, best first. Nothing is written that a passage does not say.
import { analyze } from '../kb/analyze.ts'

export interface CitedPassage {
  /** The citation number shown as [n]: the passage's place in the retrieval ranking, from 1. */
  n: number
  text: string
}

export interface ExtractiveAnswer {
  /** Quoted sentences, each followed by its citation; null when no passage shares a word with the question. */
  text: string | null
  /** The citations the text uses, in the order they first appear. */
  cited: number[]
}

const MAX_SENTENCES = 3

/** Sentences and list items of a passage, without Markdown heading lines (the hit's headings say those). */
function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])/u))
    .map((s) => s.replace(/^\s*[-*•]\s+/, '').trim())
    .filter((s) => s.length > 0)
}

export function extractiveAnswer(question: string, passages: readonly CitedPassage[]): ExtractiveAnswer {
  const asked = new Set(analyze(question))
  const candidates = passages.flatMap((passage, rank) =>
    sentencesOf(passage.text).map((sentence, position) => {
      const shared = new Set(analyze(sentence).filter((t) => asked.has(t))).size
      // Shared words first; among equals, the better-ranked passage and the earlier sentence.
      return { sentence, n: passage.n, score: shared - rank * 0.01 - position * 0.001, shared }
    }),
  )
  const chosen = candidates
    .filter((c) => c.shared > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SENTENCES)
  if (chosen.length === 0) return { text: null, cited: [] }
  const text = chosen.map((c) => `${/[.!?]$/.test(c.sentence) ? c.sentence : `${c.sentence}.`} [${c.n}]`).join(' ')
  return { text, cited: [...new Set(chosen.map((c) => c.n))] }
}
