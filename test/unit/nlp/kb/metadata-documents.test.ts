import { describe, expect, it } from 'vitest'
import { metadataDocuments } from '../../../../workers/core/nlp/kb/metadata-documents.ts'

describe('metadataDocuments', () => {
  it('writes a document per connection (streams, fields, mappings) and per drifted stream (changes in words)', () => {
    const [doc, drift, ...rest] = metadataDocuments([
      {
        id: 'c1',
        name: 'CRM exports',
        kind: 'file',
        driftPolicy: 'propagate_all',
        lastSyncedAt: new Date('2026-12-01T08:00:00Z'),
        streams: [
          {
            id: 's1',
            name: 'contacts',
            records: 1200,
            paused: false,
            held: true,
            fields: [
              { path: 'email', type: 'string', nullable: false },
              { path: 'score', type: 'number', nullable: true },
            ],
            drift: [
              {
                detectedAt: new Date('2026-12-02T10:00:00Z'),
                changes: [
                  {
                    kind: 'renamed',
                    path: 'full_name',
                    from: 'fullname',
                    to: 'full_name',
                    severity: 'breaking',
                    confidence: 0.9,
                  },
                  { kind: 'type_changed', path: 'score', from: 'integer', to: 'number', severity: 'non_breaking' },
                ],
                action: 'held_for_review',
                review: 'pending',
                decidedAt: null,
                decisionComment: null,
                repairs: [
                  {
                    summary: 'Repoint contact.full_name from fullname to full_name',
                    status: 'proposed',
                    confidence: 0.9,
                    byEngine: false,
                  },
                ],
              },
              {
                detectedAt: new Date('2026-11-20T10:00:00Z'),
                changes: [{ kind: 'added', path: 'score', severity: 'non_breaking' }],
                action: 'applied',
                review: 'accepted',
                decidedAt: new Date('2026-11-21T09:00:00Z'),
                decisionComment: 'scores come from the new CRM plan',
                repairs: [],
              },
            ],
            mappings: [
              { sourcePath: 'email', entity: 'contact', field: 'email', status: 'accepted', confidence: 0.97 },
            ],
          },
        ],
      },
    ])
    expect(doc).toMatchObject({
      key: 'aos-metadata/connections/c1',
      title: 'Connection CRM exports',
      sourceKind: 'metadata',
      metadata: { kind: 'connection', connection_id: 'c1', connector: 'file' },
    })
    expect(doc?.text).toBe(
      [
        '# Connection CRM exports',
        '',
        'A file connection with 1 stream. Drift policy: propagate all. Last synced: 2026-12-01T08:00:00.000Z.',
        '',
        '## Stream contacts',
        '',
        '1,200 records stored. Status: held for review (breaking drift).',
        '',
        'Fields: email (string), score (number, nullable).',
        '',
        'Schema drift: 2 changes recorded, the latest on 2026-12-02.',
        '',
        '### Mappings of contacts',
        '',
        '- email maps to contact.email (accepted, confidence 97%).',
      ].join('\n'),
    )
    expect(drift).toMatchObject({
      key: 'aos-metadata/drift/s1',
      title: 'Schema changes in CRM exports contacts',
      metadata: { kind: 'drift', connection_id: 'c1', stream: 'contacts' },
    })
    expect(drift?.text).toBe(
      [
        '# Schema changes in CRM exports contacts',
        '',
        'What changed in the schema (drift) of stream contacts of the file connection CRM exports, newest first, and what was done about it.',
        '',
        '- 2026-12-02: field `fullname` renamed to `full_name`; field `score` changed type from integer to number. Action: held for review; decision: awaiting a decision. Repairs: Repoint contact.full_name from fullname to full_name (proposed, confidence 0.90).',
        '- 2026-11-20: field `score` added. Action: applied; decision: accepted on 2026-11-21 (“scores come from the new CRM plan”).',
      ].join('\n'),
    )
    expect(rest).toEqual([])
  })

  it('describes each unified view with rows, naming the connections and streams that feed it', () => {
    const connection = {
      id: 'c1',
      name: 'Salesforce',
      kind: 'salesforce',
      driftPolicy: 'propagate_all',
      lastSyncedAt: null,
      streams: [],
    }
    const docs = metadataDocuments(
      [connection],
      [
        {
          entity: 'account',
          rows: 2,
          members: 3,
          refreshedAt: new Date('2026-12-03T00:00:00Z'),
          sources: [
            { source: '/connections/c1/Account', rows: 2 },
            { source: 'aos://elsewhere', rows: 1 },
          ],
        },
        { entity: 'contact', rows: 0, members: 0, refreshedAt: null, sources: [] },
      ],
    )
    expect(docs.map((d) => d.key)).toEqual(['aos-metadata/connections/c1', 'aos-metadata/views/account'])
    expect(docs[1]).toMatchObject({ title: 'Unified view account', metadata: { kind: 'view', entity: 'account' } })
    expect(docs[1]?.text).toBe(
      [
        '# Unified view account',
        '',
        '2 unified account rows (one per real-world account after entity resolution), merged from 3 source records of 2 sources. Last refreshed: 2026-12-03T00:00:00.000Z.',
        '',
        'Sources feeding the account view:',
        '- connection Salesforce, stream Account: in 2 rows.',
        '- aos://elsewhere: in 1 row.',
      ].join('\n'),
    )
  })
})
