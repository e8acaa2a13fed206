import type { ConnectorInfo } from '../../contract/connectors.ts'
import type { Connector } from '../../core/aam/connectors/connector.ts'
import { CONNECTION_KINDS, CONNECTORS } from '../../core/aam/connectors/registry.ts'

/** Every kind of connection, as a client offers it: label, form fields, stream selection, summary. */
export function listConnectors(): { data: ConnectorInfo[] } {
  return {
    data: CONNECTION_KINDS.map((kind) => {
      const connector: Connector = CONNECTORS[kind]
      const { label, summary, fields, selection } = connector.console
      return {
        kind,
        label,
        description: connector.description,
        reads: connector.reads,
        summary,
        fields: fields.map((row) => row.map((field) => ({ ...field, options: field.options?.map((o) => ({ ...o })) }))),
        selection: selection ?? null,
      }
    }),
  }
}
