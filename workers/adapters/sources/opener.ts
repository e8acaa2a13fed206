import type { CursorSource } from '../../core/aam/connectors/cursor-source.ts'
import type { ConnectionRow } from '../db/aam-repo.ts'

/**
 * What opening a kind's source is given: the connection (its settings still as stored: the opener
 * parses them with its kind's schema) and its decrypted secret. The URLs and the secret have already
 * passed the platform's host rules (open-cursor-source.ts).
 */
export interface OpenerInput {
  connection: ConnectionRow
  secret: string
  allowLoopback: boolean
}

export type Opener = (input: OpenerInput) => CursorSource | Promise<CursorSource>
