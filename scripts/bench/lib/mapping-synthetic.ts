// Synthetic schema pairs for the mapping benchmark: a canonical target of N fields built from a
// vocabulary (record groups x field kinds), and a source that renames most of them the way real
// exports do (camelCase, abbreviations, German/French/Spanish headers, vendor synonyms), drops a
// few, and adds look-alikes (shipping for billing, weighted amounts, creators, second phones) and
// unrelated fields. Deterministic: the same N gives the same pair and the same ground truth.
import type { FieldType, SnapshotField } from '../../../workers/core/aam/schema-snapshot.ts'
import { pick, rng } from './random.ts'

interface Kind {
  target: string
  type: FieldType
  spellings: readonly string[] // how sources name it
  lookalike?: string // a field that must stay unmatched
  sample: (r: () => number, i: number) => unknown
}

const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('')
const CITIES = ['Berlin', 'Lyon', 'Sevilla', 'Porto', 'Torino', 'Utrecht', 'Austin', 'Leeds']
const WORDS = ['Retail', 'Banking', 'Logistics', 'Software', 'Energy', 'Health']

// biome-ignore format: a table
const KINDS: readonly Kind[] = [
  { target: 'email', type: 'string', spellings: ['Email', 'EmailAddress', 'e_mail', 'E-Mail', 'courriel', 'correo_electronico'], lookalike: 'email_secondary', sample: (r, i) => `user${i}.${digits(r, 3)}@example.com` },
  { target: 'phone', type: 'string', spellings: ['Phone', 'tel', 'Telefon', 'telephone_number', 'PhoneNumber', 'telefono'], lookalike: 'fax', sample: (r) => `+49 30 ${digits(r, 7)}` },
  { target: 'city', type: 'string', spellings: ['City', 'Ort', 'ville', 'ciudad', 'town'], sample: (r) => pick(r, CITIES) },
  { target: 'postal_code', type: 'string', spellings: ['zip', 'ZipCode', 'PLZ', 'code_postal', 'postcode'], sample: (r) => digits(r, 5) },
  { target: 'country', type: 'string', spellings: ['Country', 'Land', 'pays', 'pais'], sample: (r) => pick(r, ['DE', 'FR', 'ES', 'US']) },
  { target: 'street', type: 'string', spellings: ['Street', 'address_line1', 'Strasse', 'rue', 'calle'], sample: (r) => `${digits(r, 2)} Main St` },
  { target: 'first_name', type: 'string', spellings: ['FirstName', 'fname', 'Vorname', 'prenom', 'given_name'], sample: (r) => pick(r, ['Ada', 'Jean', 'Lucia', 'Piet']) },
  { target: 'last_name', type: 'string', spellings: ['LastName', 'lname', 'Nachname', 'surname', 'apellidos'], sample: (r) => pick(r, ['Meyer', 'Dupont', 'Garcia', 'Jansen']) },
  { target: 'amount', type: 'number', spellings: ['Amount', 'amt', 'Betrag', 'montant', 'importe', 'value'], lookalike: 'weighted_amount', sample: (r) => Math.round(r() * 1e6) / 100 },
  { target: 'currency', type: 'string', spellings: ['Currency', 'curr', 'CurrencyIsoCode', 'Waehrung', 'devise', 'moneda'], sample: (r) => pick(r, ['EUR', 'USD', 'GBP']) },
  { target: 'created_at', type: 'timestamp', spellings: ['CreatedDate', 'createdate', 'Erstellt am', 'date_creation', 'fecha_de_creacion', 'created_on'], lookalike: 'created_by', sample: (r) => new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 3e10)).toISOString() },
  { target: 'updated_at', type: 'timestamp', spellings: ['LastModifiedDate', 'modified_at', 'Geaendert am', 'date_modification', 'ultima_modificacion'], lookalike: 'last_activity_date', sample: (r) => new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 3e9)).toISOString() },
  { target: 'description', type: 'string', spellings: ['Description', 'notes', 'Beschreibung', 'commentaire', 'descr'], sample: () => 'Key account for the EMEA rollout' },
  { target: 'quantity', type: 'integer', spellings: ['qty', 'Quantity', 'Menge', 'quantite', 'cantidad'], sample: (r) => Math.floor(r() * 50) },
  { target: 'price', type: 'number', spellings: ['Price', 'unit_price', 'Preis', 'prix', 'precio'], sample: (r) => Math.round(r() * 1e4) / 100 },
  { target: 'tax_amount', type: 'number', spellings: ['tax', 'TaxTotal', 'Steuer', 'tva', 'impuesto'], sample: (r) => Math.round(r() * 1e4) / 100 },
  { target: 'due_date', type: 'date', spellings: ['DueDate', 'due_dt', 'Faelligkeitsdatum', 'date_echeance', 'fecha_de_vencimiento'], sample: () => '2025-03-31' },
  { target: 'website', type: 'string', spellings: ['Website', 'web_site', 'homepage', 'url', 'sitio_web'], sample: (_r, i) => `https://example${i}.com` },
  { target: 'industry', type: 'string', spellings: ['Industry', 'Branche', 'secteur', 'sector'], sample: (r) => pick(r, WORDS) },
  { target: 'owner_id', type: 'string', spellings: ['OwnerId', 'owner', 'assigned_to', 'responsable_id'], lookalike: 'creator_id', sample: (r) => `usr_${digits(r, 6)}` },
  { target: 'job_title', type: 'string', spellings: ['Title', 'JobTitle', 'Position', 'fonction', 'cargo'], sample: () => 'Buyer' },
  { target: 'probability', type: 'number', spellings: ['Probability', 'prob_pct', 'Wahrscheinlichkeit', 'probabilite', 'confidence'], sample: (r) => Math.floor(r() * 100) },
  { target: 'stage', type: 'string', spellings: ['StageName', 'phase', 'Etape', 'etapa'], sample: (r) => pick(r, ['Qualify', 'Propose', 'Won']) },
  { target: 'lead_source', type: 'string', spellings: ['LeadSource', 'source', 'Quelle', 'origine', 'origen'], sample: (r) => pick(r, ['Web', 'Referral']) },
  { target: 'employee_count', type: 'integer', spellings: ['NumberOfEmployees', 'employees', 'Mitarbeiterzahl', 'effectif', 'empleados'], sample: (r) => Math.floor(r() * 5000) },
  { target: 'birth_date', type: 'date', spellings: ['Birthdate', 'dob', 'Geburtsdatum', 'date_de_naissance', 'fecha_de_nacimiento'], sample: () => '1980-04-12' },
  { target: 'gender', type: 'string', spellings: ['Gender', 'sex', 'Geschlecht', 'sexe', 'sexo'], sample: (r) => pick(r, ['female', 'male']) },
]

// Record groups a wide table flattens: each gets its own copy of the kinds.
const GROUPS = [
  '',
  'billing',
  'customer',
  'vendor',
  'order',
  'invoice',
  'shipment',
  'contract',
  'project',
  'campaign',
  'warehouse',
  'store',
  'partner',
  'employee',
  'manager',
  'ticket',
  'payment',
  'subscription',
  'product',
  'region',
]
const GROUP_SPELLINGS: Record<string, readonly string[]> = {
  billing: ['Billing', 'bill_to'],
  customer: ['Customer', 'cust', 'Kunde', 'client'],
  vendor: ['Vendor', 'supplier', 'Lieferant'],
  order: ['Order', 'ord', 'Bestellung', 'pedido'],
  invoice: ['Invoice', 'inv', 'Rechnung', 'factura'],
}
const UNRELATED = [
  'sensor_reading',
  'firmware_rev',
  'rssi_dbm',
  'zz_internal_flag',
  'hash_salt',
  'etl_batch',
  'row_checksum',
]

export interface MappingPair {
  source: SnapshotField[]
  target: SnapshotField[]
  truth: Map<string, string> // source path -> target path
}

const camel = (s: string) => s.replace(/[_\s]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** A target of `n` fields and a source renaming most of them, with look-alikes and unrelated fields. */
export function mappingPair(n: number, seed = n): MappingPair {
  const r = rng(seed)
  const target: SnapshotField[] = []
  const source: SnapshotField[] = []
  const truth = new Map<string, string>()
  const seen = new Set<string>()
  const add = (list: SnapshotField[], f: SnapshotField) => {
    if (seen.has(`${list === source ? 's' : 't'}:${f.path}`)) return false
    seen.add(`${list === source ? 's' : 't'}:${f.path}`)
    list.push(f)
    return true
  }
  for (let round = 1; target.length < n; round++) {
    for (const group of GROUPS) {
      for (const kind of KINDS) {
        if (target.length >= n) break
        const ordinal = round > 1 ? String(round) : ''
        const prefix = group ? `${group}${ordinal}_` : ordinal ? `item${ordinal}_` : ''
        const targetPath = `${prefix}${kind.target}`
        if (!add(target, { path: targetPath, type: kind.type, nullable: true })) continue
        if (r() < 0.12) continue // the source lacks this field
        const groupWord = group ? pick(r, GROUP_SPELLINGS[group] ?? [group]) : ordinal ? 'item' : ''
        const spelled = pick(r, kind.spellings)
        const head = group || ordinal ? `${groupWord}${ordinal}_` : ''
        const raw = `${head}${spelled}`
        const path = r() < 0.4 ? camel(raw) : raw
        const withSamples = r() < 0.7
        const samples = withSamples ? [0, 1, 2].map((i) => kind.sample(r, i)) : undefined
        if (add(source, { path, type: kind.type, nullable: true, ...(samples ? { samples } : {}) }))
          truth.set(path, targetPath)
        if (kind.lookalike && r() < 0.25)
          add(source, { path: `${head}${kind.lookalike}`, type: kind.type, nullable: true })
      }
    }
  }
  for (let i = 0; i < Math.max(2, Math.round(n * 0.05)); i++) {
    add(source, { path: `${pick(r, UNRELATED)}_${i}`, type: 'string', nullable: true })
  }
  return { source, target, truth }
}
