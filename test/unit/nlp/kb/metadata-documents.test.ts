import { describe, expect, it } from 'vitest'
import { metadataDocuments } from '../../../../workers/core/nlp/kb/metadata-documents.ts'

describe('metadataDocuments', () => {
  it('writes one Markdown document per connection: streams, fields, drift in words, mappings', () => {
    const [doc] = metadataDocuments([
      {
        id: 'c1',
        name: 'CRM exports',
        kind: 'file',
        driftPolicy: 'propagate_all',
        lastSyncedAt: new Date('2026-12-01T08:00:00Z'),
        streams: [
          {
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
        '### Drift of contacts',
        '',
        '- 2026-12-02: field `fullname` renamed to `full_name`; field `score` changed type from integer to number. Action: held for review, review pending.',
        '',
        '### Mappings of contacts',
        '',
        '- email maps to contact.email (accepted, confidence 97%).',
      ].join('\n'),
    )
  })
})
