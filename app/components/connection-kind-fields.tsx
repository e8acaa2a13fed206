import type { ConnectionKind } from '../../workers/contract/connections.ts'
import { SELECTION, splitList } from '../lib/connection-kinds.ts'
import { Field, Input, Select } from './form.tsx'

type Errors = Record<string, string | undefined>

/** The fields for one kind of source: the create form's, or a draft's still missing (prefilled from `config`). */
export function ConnectionKindFields({
  kind,
  errors,
  config = {},
}: {
  kind: ConnectionKind
  errors: Errors
  config?: Record<string, unknown>
}) {
  const preset = (key: string, fallback = '') => (typeof config[key] === 'string' ? (config[key] as string) : fallback)
  const selection = SELECTION[kind]
  const select = selection && (
    <Field label={selection.label} error={errors[`config.${selection.key}`]} hint={selection.hint}>
      <Input name="selection" required={selection.required} placeholder={selection.placeholder} />
    </Field>
  )
  switch (kind) {
    case 'file':
      return (
        <>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Format" error={errors['config.format']}>
              <Select name="format" defaultValue="csv">
                <option value="csv">CSV</option>
                <option value="jsonl">JSON Lines</option>
              </Select>
            </Field>
            <Field label="Delimiter" error={errors['config.delimiter']}>
              <Input name="delimiter" defaultValue="," maxLength={1} />
            </Field>
          </div>
          <Field
            label="Primary key (optional)"
            error={errors['config.primary_key']}
            hint="The field that identifies a record"
          >
            <Input name="primary_key" placeholder="id" />
          </Field>
        </>
      )
    case 'postgres':
      return (
        <>
          <Field
            label="Database URL"
            error={errors.url}
            hint="Stored encrypted and never shown again; a read-only user is best"
          >
            <Input name="url" type="password" required placeholder="postgres://reader:…@db.example.com:5432/crm" />
          </Field>
          <div className="grid grid-cols-3 gap-3">
            <Field label="Schema" error={errors['config.schema']}>
              <Input name="schema" defaultValue={preset('schema', 'public')} />
            </Field>
            <Field label="Cursor column" error={errors['config.cursor_column']}>
              <Input name="cursor_column" defaultValue="updated_at" />
            </Field>
            <Field label="Key column" error={errors['config.primary_key']}>
              <Input name="primary_key" defaultValue="id" />
            </Field>
          </div>
          {select}
        </>
      )
    case 'salesforce':
      return (
        <>
          <Field
            label="Login URL"
            error={errors['config.login_url']}
            hint="login.salesforce.com, test.salesforce.com or your My Domain"
          >
            <Input
              name="login_url"
              type="url"
              required
              defaultValue={preset('login_url', 'https://login.salesforce.com')}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Consumer key" error={errors['credentials.client_id']}>
              <Input name="client_id" required autoComplete="off" />
            </Field>
            <Field
              label="Consumer secret"
              error={errors['credentials.client_secret']}
              hint="Stored encrypted, never shown"
            >
              <Input name="client_secret" type="password" required autoComplete="off" />
            </Field>
          </div>
          {select}
        </>
      )
    case 'mongodb':
      return (
        <>
          <Field
            label="MongoDB URL"
            error={errors.url}
            hint="Stored encrypted and never shown again; a read-only user is best"
          >
            <Input
              name="url"
              type="password"
              required
              placeholder="mongodb+srv://reader:…@cluster0.example.mongodb.net"
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Database" error={errors['config.database']}>
              <Input name="database" required defaultValue={preset('database')} />
            </Field>
            <Field label="Cursor field" error={errors['config.cursor_field']}>
              <Input name="cursor_field" defaultValue="updatedAt" />
            </Field>
          </div>
          {select}
        </>
      )
    case 'airbyte':
      return (
        <>
          <Field label="Airbyte URL" error={errors['config.base_url']} hint="The server address, without /api">
            <Input
              name="base_url"
              type="url"
              required
              defaultValue={preset('base_url')}
              placeholder="https://airbyte.example.com"
            />
          </Field>
          <Field label="Application token" error={errors.token} hint="Stored encrypted, never shown">
            <Input name="token" type="password" required autoComplete="off" />
          </Field>
          {select}
        </>
      )
  }
}

/** The create request for a kind, from the form's fields. */
export function connectionBody(kind: ConnectionKind, f: FormData) {
  const text = (name: string) => String(f.get(name) ?? '').trim()
  const list = splitList(text('selection'))
  const selected = (key: string) => (list.length > 0 ? { [key]: list } : {})
  const common = { name: text('name'), drift_policy: text('drift_policy'), kind }
  switch (kind) {
    case 'file':
      return {
        ...common,
        config: {
          format: text('format'),
          delimiter: text('delimiter') || ',',
          ...(text('primary_key') ? { primary_key: text('primary_key') } : {}),
        },
      }
    case 'postgres':
      return {
        ...common,
        url: text('url'),
        config: {
          schema: text('schema') || 'public',
          cursor_column: text('cursor_column') || 'updated_at',
          primary_key: text('primary_key') || 'id',
          ...selected('tables'),
        },
      }
    case 'salesforce':
      return {
        ...common,
        credentials: { client_id: text('client_id'), client_secret: text('client_secret') },
        config: { login_url: text('login_url'), ...selected('objects') },
      }
    case 'mongodb':
      return {
        ...common,
        url: text('url'),
        config: {
          database: text('database'),
          cursor_field: text('cursor_field') || 'updatedAt',
          ...selected('collections'),
        },
      }
    case 'airbyte':
      return { ...common, token: text('token'), config: { base_url: text('base_url'), connection_ids: list } }
  }
}
