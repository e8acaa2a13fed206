import { api, fieldErrors } from '../lib/api.ts'
import type { Connector } from '../lib/connection-kinds.ts'
import type { Connection } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'
import { Button } from './button.tsx'
import { ConnectionKindFields, connectionBody } from './connection-kind-fields.tsx'
import { ProblemNote } from './problem-note.tsx'

/** A draft imported from asset discovery gets the credentials (and settings) it lacks, then can sync. */
export function DraftCredentials({ connection, connector }: { connection: Connection; connector: Connector }) {
  const complete = useAction((f: FormData) => {
    const { url, credentials, token, config } = connectionBody(connector, f) as {
      url?: string
      credentials?: unknown
      token?: string
      config: Record<string, unknown>
    }
    return api(`/v1/connections/${connection.id}/credentials`, {
      method: 'PUT',
      body: { url, credentials, token, config },
    })
  })
  return (
    <form onSubmit={onFormSubmit(complete.run)} className="space-y-3" data-testid="draft-credentials">
      <p className="text-slate-600 text-sm dark:text-slate-300">
        Imported from asset discovery as a draft: add its credentials to start syncing. They are stored encrypted and
        never shown again.
      </p>
      <ConnectionKindFields connector={connector} errors={fieldErrors(complete.error)} config={connection.config} />
      <ProblemNote error={complete.error} />
      <Button type="submit" busy={complete.busy}>
        Save credentials
      </Button>
    </form>
  )
}
