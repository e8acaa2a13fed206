// Scores one (removed field, added field) pair as a rename candidate, or rejects it outright.
// The design is conservative: a rename needs positive evidence (a similar name, or shared
// sample values), and any contradiction (opposite words, incompatible types, values of another
// kind) vetoes it unless the names are equal up to formatting (rule: case/punctuation-only
// changes are renames).
import type { FieldInfo } from './field-info.ts'
import { type NameProfile, nameSimilarity } from './name-similarity.ts'
import { retypePlausibility } from './type-lattice.ts'
import { compareSamples } from './value-overlap.ts'

export const ACCEPT_THRESHOLD = 0.62

export interface PairScore {
  score: number
  nameScore: number
  evidence: number // value/structure evidence in [-1, 1]; 0 when unknown
}

/** Evidence from listed children when both sides are objects with listed descendants. */
function structureEvidence(a: FieldInfo, b: FieldInfo): number | null {
  if (a.childKeys.size === 0 || b.childKeys.size === 0) return null
  let shared = 0
  for (const k of a.childKeys) if (b.childKeys.has(k)) shared++
  const ratio = shared / Math.min(a.childKeys.size, b.childKeys.size)
  return ratio >= 0.5 ? 0.5 : -1
}

/**
 * `oldName` is the old field's name profile after projecting it through detected object moves
 * (so `contact.mobile` is compared as `profile.contact.mobile` once contact -> profile.contact).
 * `systematic` marks a pair whose name edit is shared by other removed/added pairs;
 * `sameRecords` that both snapshots' samples come from the same records.
 */
export function scorePair(
  oldInfo: FieldInfo,
  newInfo: FieldInfo,
  oldName: NameProfile,
  systematic = false,
  sameRecords = false,
): PairScore | null {
  const a = oldInfo.field
  const b = newInfo.field
  // Cheap vetoes first: most pairs of a large schema die here without any string work.
  if (oldName.compact !== newInfo.name.compact && retypePlausibility(a.type, b.type) === 0) return null
  const sim = nameSimilarity(oldName, newInfo.name)
  // Part of a family of identically-edited names (see rename-patterns.ts).
  const name = systematic ? { ...sim, score: Math.max(sim.score, 0.8) } : sim
  const retype = retypePlausibility(a.type, b.type)
  if (name.exact) {
    // Formatting-only change of the same path: a rename whatever happened to type or values.
    return { score: 1.1, nameScore: 1, evidence: 0 }
  }
  if (retype === 0 || name.antonym) return null

  const values = compareSamples(oldInfo.samples, newInfo.samples)
  const structure = structureEvidence(oldInfo, newInfo)
  let evidence = values?.evidence ?? structure ?? 0
  // Both snapshots sampled the same records (see sampleContinuity): a field that kept its data
  // would share some of it, so informative samples with nothing in common are different data
  // (weight in kg -> weight_lb). Not for a family of identical edits (live counters such as
  // *_location -> *_lsn move on between snapshots) nor for enumerations, whose values a vendor
  // may rename along with the field (authorize_with_url -> redirect_to_url).
  if (
    sameRecords &&
    !systematic &&
    values !== null &&
    !(oldInfo.samples?.enumLike && newInfo.samples?.enumLike) &&
    values.sharedInformative === 0 &&
    (oldInfo.samples?.informative.size ?? 0) > 0 &&
    (newInfo.samples?.informative.size ?? 0) > 0
  )
    evidence = -1
  const strongName = name.score >= 0.95
  if (evidence <= -1 && !strongName) return null
  // A re-typed field must prove it kept its data unless only the name's formatting changed:
  // `application_fee` (id) vs `application_fee_amount` (integer) are different fields.
  if (retype < 1 && !strongName && evidence <= 0) return null

  // project -> group, number -> bytes: a substituted word means another field unless the change
  // is part of a systematic family or the values agree.
  if (name.distinctSubstitution && !systematic && evidence <= 0) return null

  let score = name.score + 0.2 * evidence - 0.25 * (1 - retype) - (a.nullable !== b.nullable ? 0.05 : 0)
  // Same data under an unrelated name (mobile -> phone_number with identical numbers).
  if (values !== null && values.evidence >= 1 && retype >= 0.6) {
    const sameValues =
      (values.sharedIdentifying >= 2 && values.overlap >= 0.6) || (values.overlap === 1 && values.distinctiveShared)
    // Every sample shared but only one of them specific to a record ('1047' among '25', '1047'):
    // likely the same data, yet weak enough to stay below the auto-apply threshold (auto-apply.ts).
    const likelySameValues = values.overlap === 1 && values.sharedIdentifying >= 1 && values.sharedInformative >= 2
    if (sameValues) score = Math.max(score, 0.7 + 0.1 * values.overlap)
    else if (likelySameValues) score = Math.max(score, 0.7)
  }
  if (score < ACCEPT_THRESHOLD) return null
  return { score, nameScore: name.score, evidence }
}

/** Maps an acceptance score onto a reported confidence in [0.5, 0.99]. */
export function confidenceOf(score: number): number {
  const c = 0.5 + (score - ACCEPT_THRESHOLD) * (0.49 / (1.1 - ACCEPT_THRESHOLD))
  return Math.round(Math.min(0.99, Math.max(0.5, c)) * 100) / 100
}
