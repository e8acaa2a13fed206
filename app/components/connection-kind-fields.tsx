import { type Connector, type ConnectorField, splitList } from '../lib/connection-kinds.ts'
import { Field, Input, Select } from './form.tsx'

type Errors = Record<string, string | undefined>

/** A form field's input name: the last part of where its value goes (`config.schema` is `schema`). */
const inputName = (field: ConnectorField) => field.path.split('.').at(-1) as string

function FieldInput({ field, value }: { field: ConnectorField; value: string | undefined }) {
  const name = inputName(field)
  if (field.input === 'select')
    return (
      <Select name={name} defaultValue={value}>
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    )
  return (
    <Input
      name={name}
      type={field.input ?? 'text'}
      required={field.required}
      defaultValue={value}
      placeholder={field.placeholder}
      maxLength={field.max_length}
      // Secrets (anything outside config) are never offered back by the browser.
      autoComplete={field.path.startsWith('config.') ? undefined : 'off'}
    />
  )
}

const COLUMNS = ['', '', 'grid grid-cols-2 gap-3', 'grid grid-cols-3 gap-3']

/** The fields for one kind of source: the create form's, or a draft's still missing (prefilled from `config`). */
export function ConnectionKindFields({
  connector,
  errors,
  config = {},
}: {
  connector: Connector
  errors: Errors
  config?: Record<string, unknown>
}) {
  const preset = (field: ConnectorField) => {
    const stored = config[inputName(field)]
    return field.path.startsWith('config.') && typeof stored === 'string' ? stored : field.default
  }
  const selection = connector.selection
  return (
    <>
      {connector.fields.map((row) => {
        const fields = row.map((field) => (
          <Field key={field.path} label={field.label} error={errors[field.path]} hint={field.hint}>
            <FieldInput field={field} value={preset(field)} />
          </Field>
        ))
        return row.length > 1 ? (
          <div key={row[0]?.path} className={COLUMNS[row.length] ?? 'grid grid-cols-3 gap-3'}>
            {fields}
          </div>
        ) : (
          fields
        )
      })}
      {selection && (
        <Field label={selection.label} error={errors[`config.${selection.key}`]} hint={selection.hint}>
          <Input name="selection" required={selection.required} placeholder={selection.placeholder} />
        </Field>
      )}
    </>
  )
}

/**
 * The create request for a kind, from the form's fields: each value where its field says, a field left
 * empty as its default (or left out), and the stream selection as a list.
 */
export function connectionBody(connector: Connector, f: FormData) {
  const text = (name: string) => String(f.get(name) ?? '').trim()
  const body: Record<string, unknown> = { name: text('name'), drift_policy: text('drift_policy'), kind: connector.kind }
  const config: Record<string, unknown> = {}
  for (const field of connector.fields.flat()) {
    const value = text(inputName(field)) || field.default
    if (value === undefined) continue
    const [head, ...rest] = field.path.split('.') as [string, ...string[]]
    if (rest.length === 0) body[head] = value
    else if (head === 'config') config[rest.join('.')] = value
    else body[head] = { ...(body[head] as Record<string, unknown> | undefined), [rest.join('.')]: value }
  }
  const selection = connector.selection
  const list = splitList(text('selection'))
  if (selection && (list.length > 0 || selection.required)) config[selection.key] = list
  return { ...body, config }
}
