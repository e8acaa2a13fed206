/** Every flag the platform knows; unknown names are a 404, never a silent create. */
export const FLAGS = {
  USE_AAM_AS_SOURCE: {
    default: false,
    description:
      'Strangler-fig switch: when on, the DCL reads from the AAM canonical event stream; when off, from direct connector reads.',
  },
} as const satisfies Record<string, { default: boolean; description: string }>

export type FlagName = keyof typeof FLAGS
export const FLAG_NAMES = Object.keys(FLAGS) as [FlagName, ...FlagName[]]
export const isFlagName = (name: string): name is FlagName => Object.hasOwn(FLAGS, name)

export type FlagSource = 'default' | 'global' | 'tenant'

export interface FlagState {
  name: FlagName
  value: boolean
  source: FlagSource
  description: string
}

/** Effective value: tenant override, else the global default stored in Redis, else the code default. */
export function resolveFlag(name: FlagName, global: boolean | null, tenant: boolean | null): FlagState {
  const { default: fallback, description } = FLAGS[name]
  if (tenant !== null) return { name, value: tenant, source: 'tenant', description }
  if (global !== null) return { name, value: global, source: 'global', description }
  return { name, value: fallback, source: 'default', description }
}
