import { MAPPING_TRANSFORMS } from '../../workers/contract/vocabulary/mapping-registry.ts'
import type { MappingVersion } from '../lib/types.ts'
import { Select } from './form.tsx'

type Transform = MappingVersion['transform']
type Props = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: Transform
  onChange: (transform: Transform) => void
}

/** How a source value is re-shaped on its way to the canonical field: one of the registry's transforms. */
export function TransformSelect({ value, onChange, ...rest }: Props) {
  return (
    <Select {...rest} value={value} onChange={(e) => onChange(e.target.value as Transform)}>
      {MAPPING_TRANSFORMS.map((t) => (
        <option key={t}>{t}</option>
      ))}
    </Select>
  )
}
