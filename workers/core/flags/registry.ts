/** Every flag the platform knows; unknown names are a 404, never a silent create. */
export const FLAGS = {
  USE_AAM_AS_SOURCE: {
    default: false,
    description:
      'When on, every sync sends its canonical events to the DCL, which builds unified entities from them. When off, the DCL reads each connection directly after its sync (a dcl.direct-read job), with the same mapping and event ids, so flipping it loses and doubles nothing.',
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

/** Effective value: the tenant's override, else the global value a platform admin set, else the code default. */
export function resolveFlag(name: FlagName, global: boolean | null, tenant: boolean | null): FlagState {
  const { default: fallback, description } = FLAGS[name]
  if (tenant !== null) return { name, value: tenant, source: 'tenant', description }
  if (global !== null) return { name, value: global, source: 'global', description }
  return { name, value: fallback, source: 'default', description }
}
