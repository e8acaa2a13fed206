// Reading words into concepts: one merged vocabulary of every language, multi-word expressions,
// light plural stemming, and splitting glued words ("createdate", "Kundennummer") into known ones.
import { ENGLISH } from './english.ts'
import { DUTCH, GERMAN } from './german-dutch.ts'
import { FRENCH, ITALIAN, PORTUGUESE, SPANISH } from './romance.ts'

// English last, so that a word spelled alike in several languages keeps its English meaning.
const WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({ ...DUTCH, ...GERMAN, ...ITALIAN, ...PORTUGUESE, ...SPANISH, ...FRENCH, ...ENGLISH }).map(
    ([w, c]) => [w, c === '' ? [] : c.split(' ')],
  ),
)

// Expressions whose words mean something else together (read before single words).
// biome-ignore format: a table
const PHRASES: ReadonlyArray<readonly [readonly string[], string]> = [
  [['number', 'of'], 'count'], [['opt', 'out'], 'deny'], [['opted', 'out'], 'deny'], [['opt', 'in'], 'allow'],
  [['opted', 'in'], 'allow'], [['do', 'not'], 'deny'], [['raison', 'sociale'], 'organization name'],
  [['razon', 'social'], 'organization name'], [['razao', 'social'], 'organization name'],
  [['ragione', 'sociale'], 'organization name'], [['partita', 'iva'], 'taxid'], [['codice', 'fiscale'], 'taxid'],
  [['numero', 'tva'], 'taxid'], [['vat', 'number'], 'taxid'], [['vat', 'id'], 'taxid'], [['tax', 'id'], 'taxid'],
  [['tax', 'number'], 'taxid'], [['ust', 'id'], 'taxid'], [['time', 'zone'], 'timezone'],
  [['zona', 'horaria'], 'timezone'], [['fuseau', 'horaire'], 'timezone'], [['home', 'page'], 'url'],
  [['web', 'site'], 'url'], [['site', 'web'], 'url'], [['sitio', 'web'], 'url'], [['sito', 'web'], 'url'],
  [['first', 'name'], 'givenname'], [['given', 'name'], 'givenname'], [['last', 'name'], 'familyname'],
  [['family', 'name'], 'familyname'], [['middle', 'name'], 'middlename'], [['full', 'name'], 'fullname'],
  [['nom', 'de', 'famille'], 'familyname'], [['lead', 'source'], 'leadsource'],
  [['medical', 'record', 'number'], 'mrn'], [['medical', 'record'], 'mrn'], [['social', 'security'], 'ssn'],
  [['zip', 'code'], 'postcode'], [['postal', 'code'], 'postcode'], [['post', 'code'], 'postcode'],
  [['code', 'postal'], 'postcode'], [['codigo', 'postal'], 'postcode'], [['codice', 'postale'], 'postcode'],
  [['account', 'manager'], 'owner'], [['last', 'contact'], 'last contacted'], [['last', 'contacted'], 'last contacted'],
  [['transaction', 'currency'], 'currency'], [['address', 'route'], 'street'], [['admin', 'area', 'level'], 'state'],
  [['administrative', 'area'], 'state'], [['admin', 'area'], 'state'], [['doing', 'business', 'as'], 'business name'], [['po', 'box'], 'mailing'], [['account', 'executive'], 'owner'], [['sales', 'rep'], 'owner'],
  [['sales', 'representative'], 'owner'], [['care', 'site'], 'caresite'], [['source', 'value'], 'raw'],
  [['record', 'type'], 'type'], [['ref', 'name'], 'name'], [['business', 'partner'], 'organization'], [['other', 'names'], 'givenname'],
  [['free', 'form'], ''], [['country', 'subdivision'], 'state'], [['country', 'sub', 'division'], 'state'],
  [['subject', 'id'], 'person id'], [['cliente', 'potencial'], 'lead'], [['nom', 'de', 'naissance'], 'familyname'],
  [['nom', 'd', 'usage'], 'familyname other'], [['base', 'imponible'], 'subtotal'], [['sub', 'total'], 'subtotal'],
  [['payment', 'made'], 'paid'], [['payments', 'made'], 'paid'], [['client', 'potentiel'], 'lead'], [['reference', 'name'], 'name'], [['marital', 'status'], 'marital'], [['job', 'title'], 'job title'],
  [['e', 'mail'], 'email'], [['date', 'of', 'birth'], 'birth time'], [['place', 'of', 'birth'], 'birthplace'],
  [['country', 'of', 'birth'], 'birthplace'], [['in', 'home', 'currency'], 'converted'],
  [['company', 'currency'], 'converted currency'], [['base', 'currency'], 'converted currency'],
  [['time', 'to'], 'duration'], [['days', 'to'], 'duration'], [['days', 'since'], 'duration'],
]
const MAX_PHRASE = Math.max(...PHRASES.map(([w]) => w.length))
const phraseIndex = new Map(PHRASES.map(([w, c]) => [w.join(' '), c === '' ? [] : c.split(' ')]))

function stems(word: string): string[] {
  const out: string[] = []
  if (word.length > 4 && word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`)
  if (word.length > 4 && word.endsWith('es')) out.push(word.slice(0, -2))
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1))
  return out
}

/** Concepts of one known word (plural forms included), or undefined for a word we do not know. */
export function wordConcepts(word: string): readonly string[] | undefined {
  const hit = WORDS.get(word)
  if (hit) return hit
  for (const s of stems(word)) {
    const h = WORDS.get(s)
    if (h) return h
  }
  return undefined
}

const SHORT_PIECES = new Set(['id', 'no', 'nr', 'of', 'by', 'at', 'on', 'is', 'to', 'or', 'de', 'di', 'da', 'du', 'dt'])
const LINKS = ['', 's', 'n', 'en', 'es', 'e'] // German compound joints: Geburt-s-datum, Kunde-n-nummer
const segmentCache = new Map<string, readonly string[] | null>()

/**
 * Splits a glued word into known words ("dealstage", "numberofemployees", "geburtsdatum") with the
 * fewest pieces; null when it cannot be covered by known words.
 */
export function segmentWord(word: string): readonly string[] | null {
  const hit = segmentCache.get(word)
  if (hit !== undefined) return hit
  if (segmentCache.size > 20_000) segmentCache.clear()
  const result = computeSegments(word)
  segmentCache.set(word, result)
  return result
}

function known(piece: string): boolean {
  if (piece.length < 3 && !SHORT_PIECES.has(piece)) return false
  return wordConcepts(piece) !== undefined
}

function computeSegments(word: string): readonly string[] | null {
  if (word.length < 5 || !/^[a-z]+$/.test(word)) return null
  const n = word.length
  const cost: number[] = new Array(n + 1).fill(Number.POSITIVE_INFINITY)
  const back: Array<{ from: number; piece: string } | undefined> = new Array(n + 1)
  cost[0] = 0
  for (let i = 0; i < n; i++) {
    const here = cost[i] ?? Number.POSITIVE_INFINITY
    if (!Number.isFinite(here)) continue
    for (let j = i + 2; j <= n; j++) {
      const piece = word.slice(i, j)
      if (!known(piece)) continue
      for (const link of LINKS) {
        if (link !== '' && (j + link.length >= n || word.slice(j, j + link.length) !== link)) continue
        const end = j + link.length
        const c = here + 1 + (link ? 0.5 : 0) + (piece.length < 3 ? 0.3 : 0)
        if (c < (cost[end] ?? Number.POSITIVE_INFINITY)) {
          cost[end] = c
          back[end] = { from: i, piece }
        }
      }
    }
  }
  if (!Number.isFinite(cost[n] ?? Number.POSITIVE_INFINITY)) return null
  const pieces: string[] = []
  for (let at = n; at > 0; ) {
    const b = back[at]
    if (!b) return null
    pieces.unshift(b.piece)
    at = b.from
  }
  return pieces.length >= 2 ? pieces : null
}

/** Reads a word sequence into concepts, longest expression first. Unknown words stay as they are. */
export function readWords(words: readonly string[]): string[][] {
  const out: string[][] = []
  for (let i = 0; i < words.length; ) {
    let matched = false
    for (let len = Math.min(MAX_PHRASE, words.length - i); len >= 2; len--) {
      const c = phraseIndex.get(words.slice(i, i + len).join(' '))
      if (c) {
        out.push(c)
        i += len
        matched = true
        break
      }
    }
    if (matched) continue
    const w = words[i] ?? ''
    out.push([...(wordConcepts(w) ?? [w])])
    i++
  }
  return out
}
