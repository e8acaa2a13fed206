export * from './audit.ts'
export * from './auth.ts'
export * from './rls.ts'
export * from './tenancy.ts'
