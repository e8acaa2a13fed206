// Person and organisation names in one spelling. Titles and generational suffixes are dropped from
// person names; legal forms ("Pty Ltd", "GmbH", "Inc.") and a leading "the" from organisation names.
import { foldText, words } from './text.ts'

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'fr', 'lady', 'lord'])
const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv', 'phd', 'md', 'esq'])

/** The words of a person name, without titles and suffixes (unless nothing else is left). */
export function personNameWords(raw: string): string[] {
  const all = words(foldText(raw))
  const kept = all.filter((w, i) => !(i === 0 && TITLES.has(w)) && !(i > 0 && SUFFIXES.has(w)))
  return kept.length > 0 ? kept : all
}

const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'pty',
  'pte',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'as',
  'oy',
  'kk',
  'holdings',
  'group',
])

/** The distinctive words of an organisation name: "The Acme Co. Pty Ltd" → ["acme"]; "&" reads as "and". */
export function organisationWords(raw: string): string[] {
  const all = words(foldText(raw.replace(/&/g, ' and ')))
  let end = all.length
  while (end > 1 && LEGAL_FORMS.has(all[end - 1] ?? '')) end--
  const start = all[0] === 'the' && end > 1 ? 1 : 0
  return all.slice(start, end)
}
