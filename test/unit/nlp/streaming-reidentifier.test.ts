import { describe, expect, it } from 'vitest'
import { citedNumbers } from '../../../workers/core/nlp/assistant/cited-numbers.ts'
import { reidentify, streamingReidentifier } from '../../../workers/core/nlp/redaction/placeholders.ts'

const map = {
  values: { '<EMAIL_1>': 'maria@globex.example', '<PERSON_2>': 'Maria Garcia' },
  counters: { EMAIL: 1, PERSON: 2 },
}

function streamed(pieces: string[]) {
  const r = streamingReidentifier(map)
  const shown = pieces.map((p) => r.push(p))
  shown.push(r.flush())
  return shown
}

describe('re-identifying a streamed answer', () => {
  it('puts back a placeholder split across pieces, showing nothing of it early', () => {
    const shown = streamed(['Ask <PER', 'SON_', '2> at <', 'EMAIL_1', '>. [1]'])
    expect(shown.join('')).toBe('Ask Maria Garcia at maria@globex.example. [1]')
    expect(shown.join('')).not.toContain('<')
    expect(shown[0]).toBe('Ask ')
  })

  it('equals re-identifying the whole text, for every way of cutting it', () => {
    const text = 'Mail <EMAIL_1> or <PERSON_2>; a < b, <unknown> and <EMAIL_9> stay as written.'
    for (let cut = 0; cut <= text.length; cut++)
      for (let second = cut; second <= text.length; second += 7)
        expect(streamed([text.slice(0, cut), text.slice(cut, second), text.slice(second)]).join('')).toBe(
          reidentify(text, map),
        )
  })

  it('releases a `<` that cannot start a placeholder at once, and an unclosed one at the end', () => {
    const r = streamingReidentifier(map)
    expect(r.push('x <b')).toBe('x <b')
    expect(r.push(' <EMAIL_')).toBe(' ')
    expect(r.flush()).toBe('<EMAIL_')
  })
})

describe('the citations a model answer uses', () => {
  it('keeps only known numbers, in order of first use, lists included', () => {
    expect(citedNumbers('A [2]. B [1, 2] and [7]. C [3]', new Set([1, 2, 3]))).toEqual([2, 1, 3])
    expect(citedNumbers('no citations', new Set([1]))).toEqual([])
  })
})
